package io.credql.statement;

import io.credql.error.CredqlException;
import io.credql.registry.InstalledProviders;
import io.credql.registry.ProviderIndex;
import io.credql.registry.ProviderRegistry;
import io.credql.registry.RegistryException;
import io.credql.registry.RegistrySource;
import io.credql.registry.TrustedSigners;
import io.credql.plan.ProviderSchema;
import io.credql.config.ConnectionProperties;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlRegistry;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@code REGISTRY LIST [provider]} and {@code REGISTRY PULL provider [version]} against the
 * connection's registry, with StackQL's columns. The registry is contacted when the statement is
 * executed, never when it is prepared. A pulled provider is usable at once on this connection
 * and loaded by every later one.
 */
record RegistryHandler(CredqlSession session) implements StatementHandler {
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlRegistry registry = (SqlRegistry) node;
    final String provider = registry.provider();
    if (registry.action() == SqlRegistry.Action.PULL) {
      final CalciteSchema root = context.getRootSchema();
      return Signatures.query(context, sql, List.of(ResultColumn.varchar("message")), List.of(),
          dataContext -> {
            final ProviderRegistry.Installed installed;
            try {
              installed = registry().pull(requireNonNull(provider, "provider"), registry.version());
            } catch (CredqlException e) {
              throw e.unchecked();
            }
            session.catalog().add(InstalledProviders.directory()); // where pull() installed it
            root.add(installed.provider(), new ProviderSchema(session, installed.provider()));
            final List<Object[]> rows = new ArrayList<>();
            // StackQL's own words for a successful pull
            rows.add(new Object[] {installed.provider() + " provider, version '" + installed.version()
                + "' successfully installed"});
            return rows;
          });
    }
    // StackQL: without a provider, one row per provider (provider, version); with one, the
    // provider and all its versions joined by ", " (provider, versions)
    final List<ResultColumn> columns = List.of(ResultColumn.varchar("provider"),
        ResultColumn.varchar(provider == null ? "version" : "versions"));
    return Signatures.query(context, sql, columns, List.of(), dataContext -> {
      final ProviderIndex index;
      try {
        index = registry().index();
        if (provider != null && !index.publishes(provider)) {
          throw new RegistryException("registry has no provider called " + provider
              + "; REGISTRY LIST shows the providers it has");
        }
      } catch (CredqlException e) {
        throw e.unchecked();
      }
      final List<Object[]> rows = new ArrayList<>();
      if (provider == null) {
        for (String name : index.providers()) {
          rows.add(new Object[] {name, index.versions(name).isEmpty() ? null : index.newest(name)});
        }
      } else {
        final String name = index.spelling(provider);
        rows.add(new Object[] {name, String.join(", ", index.versions(name))});
      }
      return rows;
    });
  }

  private ProviderRegistry registry() throws RegistryException {
    final ConnectionProperties properties = session.properties();
    final TrustedSigners signers = properties.registryTrust() == null
        ? TrustedSigners.none() : TrustedSigners.read(properties.registryTrust());
    return new ProviderRegistry(RegistrySource.of(properties.registry(), session.httpClient()),
        signers, InstalledProviders.directory());
  }
}
