package io.credql.azure;

import org.checkerframework.checker.nullness.qual.Nullable;

/** The two flexible-server resource providers: their ARM namespace, API version and host suffix. */
public enum FlexibleServerEngine {
  POSTGRESQL("Microsoft.DBforPostgreSQL", "2026-04-01-preview", "postgres.database.azure.com", "16"),
  MYSQL("Microsoft.DBforMySQL", "2025-06-01-preview", "mysql.database.azure.com", "8.0.21");

  private final String namespace;
  private final String apiVersion;
  private final String domain;
  private final String defaultVersion;

  FlexibleServerEngine(String namespace, String apiVersion, String domain, String defaultVersion) {
    this.namespace = namespace;
    this.apiVersion = apiVersion;
    this.domain = domain;
    this.defaultVersion = defaultVersion;
  }

  public String namespace() {
    return namespace;
  }

  /** The api-version the documents (credql's and StackQL's registry's) send. */
  public String apiVersion() {
    return apiVersion;
  }

  String domain() {
    return domain;
  }

  String defaultVersion() {
    return defaultVersion;
  }

  /** The engine of an ARM namespace, ignoring case as ARM does, or null. */
  static @Nullable FlexibleServerEngine ofNamespace(String namespace) {
    for (FlexibleServerEngine engine : values()) {
      if (engine.namespace.equalsIgnoreCase(namespace)) {
        return engine;
      }
    }
    return null;
  }
}
