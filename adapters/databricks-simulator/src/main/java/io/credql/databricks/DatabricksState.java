package io.credql.databricks;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a simulated workspace knows and remembers: its instances and endpoints, the OAuth tokens it
 * issued (with their expiry) and the database credentials it generated. Thread-safe.
 */
final class DatabricksState {
  private final Map<String, DatabaseInstance> instances = new TreeMap<>();
  private final Set<String> endpoints = new LinkedHashSet<>();
  private final Map<String, AccessGrant> accessTokens = new HashMap<>();
  private final List<IssuedCredential> credentials = new ArrayList<>();

  /** Who an OAuth token was issued to, and until when it is accepted. */
  record AccessGrant(String principal, Instant expiresAt) {
  }

  DatabricksState(DatabricksDataset dataset) {
    requireNonNull(dataset, "dataset");
    dataset.instances().forEach(i -> instances.put(i.name(), i));
    endpoints.addAll(dataset.postgresEndpoints());
  }

  /** Instances by name, as the listing orders them. */
  synchronized List<DatabaseInstance> instances() {
    return new ArrayList<>(instances.values());
  }

  synchronized @Nullable DatabaseInstance instance(String name) {
    return instances.get(name);
  }

  synchronized void put(DatabaseInstance instance) {
    instances.put(instance.name(), requireNonNull(instance, "instance"));
  }

  synchronized boolean hasEndpoint(String endpoint) {
    return endpoints.contains(endpoint);
  }

  synchronized void addEndpoint(String endpoint) {
    endpoints.add(requireNonNull(endpoint, "endpoint"));
  }

  synchronized void grantAccess(String token, String principal, Instant expiresAt) {
    accessTokens.put(token, new AccessGrant(principal, expiresAt));
  }

  /** The grant of an OAuth token still valid at {@code now}, or null. */
  synchronized @Nullable AccessGrant access(String token, Instant now) {
    final AccessGrant grant = accessTokens.get(token);
    return grant != null && now.isBefore(grant.expiresAt()) ? grant : null;
  }

  synchronized void record(IssuedCredential credential) {
    credentials.add(requireNonNull(credential, "credential"));
  }

  /** The credential generated earlier with idempotency id {@code requestId} by {@code principal}, or null. */
  synchronized @Nullable IssuedCredential byRequestId(String principal, String requestId) {
    for (IssuedCredential credential : credentials) {
      if (requestId.equals(credential.requestId()) && principal.equals(credential.principal())) {
        return credential;
      }
    }
    return null;
  }

  synchronized List<IssuedCredential> credentials() {
    return new ArrayList<>(credentials);
  }
}
