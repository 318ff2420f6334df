package io.credql.azure;

import io.credql.sandbox.OperationBehaviour;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The simulated subscription: flexible servers with their administrator passwords, and the
 * asynchronous operations started on them. A password set with PATCH takes effect when its
 * operation succeeds, as Azure's does; a failed or unfinished operation leaves the old one.
 */
final class FlexibleServersState {
  /** An Azure asynchronous operation and how far it is. */
  static final class AsyncOperation {
    final String id = UUID.randomUUID().toString();
    final FlexibleServer server;
    final Instant startTime;
    final Runnable effect;
    int polls;
    @Nullable Instant endTime;

    AsyncOperation(FlexibleServer server, Instant startTime, Runnable effect) {
      this.server = server;
      this.startTime = startTime;
      this.effect = effect;
    }

    /** {@code InProgress}, {@code Succeeded} or {@code Failed}. */
    String status() {
      return endTime == null ? "InProgress" : server.operations().fails() ? "Failed" : "Succeeded";
    }
  }

  private final String subscriptionId;
  private final Map<String, FlexibleServer> servers = new LinkedHashMap<>();
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final Map<String, Integer> passwordChanges = new LinkedHashMap<>();
  private final Map<String, AsyncOperation> operations = new LinkedHashMap<>();

  FlexibleServersState(FlexibleServersDataset dataset) {
    this.subscriptionId = dataset.subscriptionId();
    dataset.servers().forEach(this::put);
  }

  String subscriptionId() {
    return subscriptionId;
  }

  synchronized void put(FlexibleServer server) {
    servers.put(server.key(), server);
  }

  synchronized List<FlexibleServer> servers(FlexibleServerEngine engine, @Nullable String resourceGroup) {
    final List<FlexibleServer> list = new ArrayList<>();
    for (FlexibleServer server : servers.values()) {
      if (server.engine() == engine && (resourceGroup == null
          || server.resourceGroup().equalsIgnoreCase(resourceGroup))) {
        list.add(server);
      }
    }
    return list;
  }

  synchronized List<FlexibleServer> servers() {
    return List.copyOf(servers.values());
  }

  synchronized @Nullable FlexibleServer server(FlexibleServerEngine engine, String resourceGroup, String name) {
    return servers.get(FlexibleServer.key(engine, resourceGroup, name));
  }

  synchronized boolean hasResourceGroup(String resourceGroup) {
    return servers.values().stream().anyMatch(s -> s.resourceGroup().equalsIgnoreCase(resourceGroup));
  }

  synchronized @Nullable String password(FlexibleServer server) {
    return passwords.get(server.key());
  }

  synchronized int passwordChanges(FlexibleServer server) {
    return passwordChanges.getOrDefault(server.key(), 0);
  }

  /** Starts the operation that sets {@code server}'s administrator password when it succeeds. */
  synchronized AsyncOperation startPasswordChange(FlexibleServer server, String password, Instant now) {
    final AsyncOperation operation = new AsyncOperation(server, now, () -> {
      passwords.put(server.key(), password);
      passwordChanges.merge(server.key(), 1, Integer::sum);
    });
    operations.put(operation.id.toLowerCase(Locale.ROOT), operation);
    return operation;
  }

  /** The operation after one more poll: it may end now (and take effect unless it fails). */
  synchronized @Nullable AsyncOperation poll(String id, Instant now) {
    final AsyncOperation operation = operations.get(id.toLowerCase(Locale.ROOT));
    if (operation == null || operation.endTime != null) {
      return operation;
    }
    operation.polls++;
    final OperationBehaviour behaviour = operation.server.operations();
    if (operation.polls >= behaviour.pollsUntilDone()) {
      operation.endTime = now;
      if (!behaviour.fails()) {
        operation.effect.run();
      }
    }
    return operation;
  }
}
