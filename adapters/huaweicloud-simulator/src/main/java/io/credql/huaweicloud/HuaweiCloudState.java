package io.credql.huaweicloud;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * The simulated project's instances and passwords, shared by all request threads; every method
 * is atomic, so a reset is seen whole or not at all.
 */
final class HuaweiCloudState {
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final int GENERATED_LENGTH = 20;

  private final String projectId;
  private final String region;
  private final Map<String, GaussDbInstance> gaussDb = new LinkedHashMap<>();
  private final Map<String, RdsInstance> rds = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  HuaweiCloudState(HuaweiCloudDataset dataset) {
    requireNonNull(dataset, "dataset");
    this.projectId = dataset.projectId();
    this.region = dataset.region();
    for (GaussDbInstance instance : dataset.gaussDbInstances()) {
      final List<GaussDbAccount> accounts = new ArrayList<>();
      for (GaussDbAccount account : instance.accounts()) {
        accounts.add(account.password() == null ? account.withPassword(newPassword()) : account);
      }
      gaussDb.put(instance.id(), instance.withAccounts(accounts));
    }
    for (RdsInstance instance : dataset.rdsInstances()) {
      rds.put(instance.id(), instance.rootPassword() == null ? instance.withRootPassword(newPassword()) : instance);
    }
  }

  String projectId() {
    return projectId;
  }

  String region() {
    return region;
  }

  synchronized List<GaussDbInstance> gaussDbInstances() {
    return List.copyOf(gaussDb.values());
  }

  synchronized @Nullable GaussDbInstance gaussDbInstance(String id) {
    return gaussDb.get(id);
  }

  synchronized List<RdsInstance> rdsInstances() {
    return List.copyOf(rds.values());
  }

  synchronized @Nullable RdsInstance rdsInstance(String id) {
    return rds.get(id);
  }

  synchronized void setGaussDbStatus(String id, String status) {
    gaussDb.put(id, existing(gaussDb, id).withStatus(requireNonNull(status, "status")));
  }

  synchronized void setRdsStatus(String id, String status) {
    rds.put(id, existing(rds, id).withStatus(requireNonNull(status, "status")));
  }

  /** Gives account {@code name} of GaussDB instance {@code id} a new password. */
  synchronized void setAccountPassword(String id, String name, String password) {
    final GaussDbInstance instance = existing(gaussDb, id);
    final List<GaussDbAccount> accounts = new ArrayList<>();
    boolean found = false;
    for (GaussDbAccount account : instance.accounts()) {
      if (account.name().equals(name)) {
        accounts.add(account.withPassword(password));
        found = true;
      } else {
        accounts.add(account);
      }
    }
    if (!found) {
      throw new NoSuchElementException("GaussDB instance " + id + " has no account " + name);
    }
    gaussDb.put(id, instance.withAccounts(accounts));
  }

  synchronized void setRootPassword(String id, String password) {
    rds.put(id, existing(rds, id).withRootPassword(password));
  }

  private static <T> T existing(Map<String, T> instances, String id) {
    final T instance = instances.get(id);
    if (instance == null) {
      throw new NoSuchElementException("no instance " + id);
    }
    return instance;
  }

  /** A password every policy here accepts: upper, lower, digits and an underscore. */
  private String newPassword() {
    final StringBuilder password = new StringBuilder();
    password.append(UPPER.charAt(random.nextInt(UPPER.length())))
        .append(LOWER.charAt(random.nextInt(LOWER.length())))
        .append(DIGITS.charAt(random.nextInt(DIGITS.length())))
        .append('_');
    final String all = UPPER + LOWER + DIGITS;
    while (password.length() < GENERATED_LENGTH) {
      password.append(all.charAt(random.nextInt(all.length())));
    }
    return password.toString();
  }
}
