package io.credql.linode;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Locale;

/** A Managed Database engine as it appears in Linode's paths and objects: PostgreSQL or MySQL. */
public enum DatabaseEngine {
  POSTGRESQL("postgresql", 5432, "16.4"),
  MYSQL("mysql", 3306, "8.0.35");

  private final String apiName;
  private final int defaultPort;
  private final String defaultVersion;

  DatabaseEngine(String apiName, int defaultPort, String defaultVersion) {
    this.apiName = apiName;
    this.defaultPort = defaultPort;
    this.defaultVersion = defaultVersion;
  }

  /** The engine's name in paths ({@code /databases/postgresql/instances}) and in the {@code engine} field. */
  public String apiName() {
    return apiName;
  }

  /** The port a database of this engine listens on unless told otherwise. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The version a database of this engine has unless told otherwise. */
  public String defaultVersion() {
    return defaultVersion;
  }

  /** The engine whose path segment is {@code name}, or null if Linode has no such engine. */
  static @Nullable DatabaseEngine fromPath(String name) {
    for (DatabaseEngine engine : values()) {
      if (engine.apiName.equals(name.toLowerCase(Locale.ROOT))) {
        return engine;
      }
    }
    return null;
  }
}
