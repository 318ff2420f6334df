package io.credql.bench;

import static java.util.Objects.requireNonNull;

import io.credql.session.ProviderCatalog;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.schema.ResourceColumns;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * In a JVM of its own, so that the first read is really cold: how long reading StackQL's whole
 * Linode document takes cold and warm (median of 10); then how long connecting takes with the
 * registry on {@code providers=} and whether that read the document (it must not), and how long
 * the first statement naming Linode takes. Prints one line of {@code name=value} pairs.
 */
public final class RegistryChild {
  private static final int WARM_RUNS = 10;

  private RegistryChild() {
  }

  public static void main(String[] args) throws SQLException {
    final Path registry = Paths.get(args[0]).toAbsolutePath();
    // first of all, while nothing that reads documents has been loaded: the really cold read
    final long cold = readAll(registry);
    final long[] warm = new long[WARM_RUNS];
    for (int i = 0; i < WARM_RUNS; i++) {
      warm[i] = readAll(registry);
    }
    final Properties properties = new Properties();
    properties.setProperty("providers", registry.toString());
    long started = System.nanoTime();
    final long connectNanos;
    final boolean loadedByConnect;
    final long firstStatementNanos;
    int resources = 0;
    try (Connection c = DriverManager.getConnection("jdbc:credql:", properties);
         Statement s = c.createStatement()) {
      connectNanos = System.nanoTime() - started;
      loadedByConnect = c.unwrap(ProviderCatalog.class).isLoaded("linode");
      started = System.nanoTime();
      try (ResultSet rs = s.executeQuery("SHOW RESOURCES IN linode.databases")) {
        while (rs.next()) {
          resources++;
        }
      }
      firstStatementNanos = System.nanoTime() - started;
    }
    System.out.println("connectNanos=" + connectNanos + " loadedByConnect=" + (loadedByConnect ? 1 : 0)
        + " firstStatementNanos=" + firstStatementNanos + " resources=" + resources
        + " coldReadNanos=" + cold + " warmReadNanos=" + Math.round(new Samples(warm).medianMillis() * 1e6));
  }

  /** Reads the Linode provider, its databases service and every resource's columns, from scratch. */
  private static long readAll(Path registry) {
    final long started = System.nanoTime();
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(), List.of(registry));
    final ProviderDocument linode = requireNonNull(catalog.provider("linode"), "no linode provider in " + registry);
    final ServiceDocument databases = requireNonNull(linode.service("databases"),
        "no linode databases service in " + registry);
    for (ResourceDefinition resource : databases.resources().values()) {
      if (ResourceColumns.of(resource).list().isEmpty()) {
        throw new IllegalStateException(resource.id() + " has no columns");
      }
    }
    return System.nanoTime() - started;
  }
}
