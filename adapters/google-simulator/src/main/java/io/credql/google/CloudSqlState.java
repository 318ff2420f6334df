package io.credql.google;

import io.credql.sandbox.OperationBehaviour;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The simulated project: instances, their users with their current passwords, and the operations
 * started on them. A password set with {@code users.update} takes effect when its operation is
 * done, as Cloud SQL's does; a failed or unfinished operation leaves the old one.
 */
final class CloudSqlState {
  /** A database user; {@code host} is empty for PostgreSQL and SQL Server users. */
  static final class DbUser {
    final String name;
    final String host;
    @Nullable String password;
    int passwordChanges;

    DbUser(String name, String host) {
      this.name = requireNonNull(name, "name");
      this.host = requireNonNull(host, "host");
    }
  }

  /** A long-running operation and how far it is. */
  static final class Operation {
    final String name = UUID.randomUUID().toString();
    final String type;
    final String instance;
    final String user;
    final Instant insertTime;
    final OperationBehaviour behaviour;
    final Runnable effect;
    int polls;
    @Nullable Instant endTime;

    Operation(String type, String instance, String user, Instant insertTime,
        OperationBehaviour behaviour, Runnable effect) {
      this.type = type;
      this.instance = instance;
      this.user = user;
      this.insertTime = insertTime;
      this.behaviour = behaviour;
      this.effect = effect;
    }

    String status() {
      return endTime != null ? "DONE" : polls == 0 ? "PENDING" : "RUNNING";
    }
  }

  private final String project;
  private final Map<String, CloudSqlInstance> instances = new LinkedHashMap<>();
  private final Map<String, List<DbUser>> users = new LinkedHashMap<>();
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  CloudSqlState(CloudSqlDataset dataset) {
    this.project = dataset.project();
    for (CloudSqlInstance instance : dataset.instances()) {
      instances.put(instance.name(), instance);
      final List<DbUser> list = new ArrayList<>();
      for (String user : dataset.users().getOrDefault(instance.name(), List.of())) {
        final int at = user.indexOf('@');
        list.add(at < 0 ? new DbUser(user, "") : new DbUser(user.substring(0, at), user.substring(at + 1)));
      }
      users.put(instance.name(), list);
    }
  }

  String project() {
    return project;
  }

  synchronized List<CloudSqlInstance> instances() {
    return List.copyOf(instances.values());
  }

  synchronized @Nullable CloudSqlInstance instance(String name) {
    return instances.get(name);
  }

  synchronized void put(CloudSqlInstance instance) {
    instances.put(instance.name(), instance);
    users.putIfAbsent(instance.name(), new ArrayList<>());
  }

  synchronized void addUser(String instance, String name, String host) {
    users.computeIfAbsent(instance, i -> new ArrayList<>()).add(new DbUser(name, host));
  }

  synchronized List<DbUser> users(String instance) {
    return List.copyOf(users.getOrDefault(instance, List.of()));
  }

  /** The user named so; a null host matches any host (as Cloud SQL does for PostgreSQL). */
  synchronized @Nullable DbUser user(String instance, String name, @Nullable String host) {
    for (DbUser user : users.getOrDefault(instance, List.of())) {
      if (user.name.equals(name) && (host == null || user.host.equals(host))) {
        return user;
      }
    }
    return null;
  }

  /** Starts an operation on {@code instance} whose success runs {@code effect}. */
  synchronized Operation start(String type, CloudSqlInstance instance, String principal, Instant now,
      Runnable effect) {
    final Operation operation = new Operation(type, instance.name(), principal, now,
        instance.operations(), effect);
    operations.put(operation.name, operation);
    return operation;
  }

  /** The operation after one more poll: it may finish now (and take effect unless it fails). */
  synchronized @Nullable Operation poll(String name, Instant now) {
    final Operation operation = operations.get(name);
    if (operation == null || operation.endTime != null) {
      return operation;
    }
    operation.polls++;
    if (operation.polls >= operation.behaviour.pollsUntilDone()) {
      operation.endTime = now;
      if (!operation.behaviour.fails()) {
        operation.effect.run();
      }
    }
    return operation;
  }

  synchronized List<Operation> operations(@Nullable String instance) {
    final List<Operation> list = new ArrayList<>();
    for (Operation operation : operations.values()) {
      if (instance == null || operation.instance.equals(instance)) {
        list.add(0, operation);
      }
    }
    return list;
  }
}
