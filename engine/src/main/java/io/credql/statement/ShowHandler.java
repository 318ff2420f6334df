package io.credql.statement;

import io.credql.document.MethodDefinition;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlShow;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@code SHOW [EXTENDED] PROVIDERS | SERVICES | RESOURCES | METHODS [IN name] [LIKE pattern]}
 * with StackQL's columns. Listing reads provider documents, never calls a provider.
 */
final class ShowHandler implements StatementHandler {
  private final CredqlSession session;

  ShowHandler(CredqlSession session) {
    this.session = requireNonNull(session, "session");
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlShow show = (SqlShow) node;
    if (show.where() != null) {
      throw new InvalidInputException("SHOW ... WHERE is not supported; filter by name with LIKE '<pattern>'");
    }
    final List<String> scope = show.scope() == null ? List.of() : show.scope().names;
    final String like = show.likePattern();
    final List<ResultColumn> columns = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    switch (show.target()) {
    case PROVIDERS:
      columns.add(ResultColumn.varchar("name"));
      columns.add(ResultColumn.varchar("version"));
      for (String name : session.catalog().providerNames()) {
        if (matches(like, name)) {
          final ProviderDocument provider = ObjectNames.provider(session, name);
          rows.add(new Object[] {provider.name(), provider.version()});
        }
      }
      break;
    case SERVICES: {
      requireScope(show, scope, 1, "provider", "SHOW SERVICES IN linode");
      final ProviderDocument provider = ObjectNames.provider(session, scope.get(0));
      columns.add(ResultColumn.varchar("id"));
      columns.add(ResultColumn.varchar("name"));
      columns.add(ResultColumn.varchar("title"));
      for (ProviderDocument.ServiceEntry service : provider.serviceEntries().values()) {
        if (matches(like, service.name())) {
          rows.add(new Object[] {service.name() + ":" + provider.version(), service.name(),
              service.title(), service.description()});
        }
      }
      break;
    }
    case RESOURCES: {
      requireScope(show, scope, 2, "provider.service", "SHOW RESOURCES IN linode.databases");
      final ServiceDocument service = ObjectNames.service(session, scope.get(0), scope.get(1));
      columns.add(ResultColumn.varchar("name"));
      columns.add(ResultColumn.varchar("id"));
      for (ResourceDefinition resource : service.resources().values()) {
        if (matches(like, resource.name())) {
          rows.add(new Object[] {resource.name(), resource.id(), description(resource)});
        }
      }
      break;
    }
    default: {
      requireScope(show, scope, 3, "provider.service.resource",
          "SHOW METHODS IN linode.databases.postgresql_instances_credentials");
      final ResourceDefinition resource =
          ObjectNames.resource(session, scope.get(0), scope.get(1), scope.get(2));
      columns.add(ResultColumn.varchar("MethodName"));
      columns.add(ResultColumn.varchar("RequiredParams"));
      columns.add(ResultColumn.varchar("SQLVerb"));
      for (MethodDefinition method : resource.methods()) {
        if (matches(like, method.name())) {
          rows.add(new Object[] {method.name(), String.join(", ", method.requiredInputNames()),
              method.sqlVerb().name(), method.description()});
        }
      }
      break;
    }
    }
    if (show.isExtended()) {
      columns.add(ResultColumn.varchar("description"));
    }
    final int width = columns.size();
    final List<Object[]> shaped = new ArrayList<>();
    for (Object[] row : rows) {
      final Object[] copy = new Object[width];
      System.arraycopy(row, 0, copy, 0, Math.min(width, row.length));
      shaped.add(copy);
    }
    return Signatures.query(context, sql, columns, List.of(), dataContext -> shaped);
  }

  private static String description(ResourceDefinition resource) {
    return resource.description() != null ? resource.description() : resource.title();
  }

  /** SQL LIKE, ignoring case as identifiers do. */
  private static boolean matches(String like, String name) {
    return like == null || new SqlFunctions.LikeFunction().ilike(name, like);
  }

  private static void requireScope(SqlShow show, List<String> scope, int parts, String form,
      String example) throws InvalidInputException {
    if (scope.size() != parts) {
      throw new InvalidInputException("SHOW " + show.target().name() + " needs IN <" + form
          + ">, e.g. " + example + (scope.isEmpty() ? "" : "; got '" + String.join(".", scope) + "'"));
    }
  }

  @Override public String toString() {
    return "SHOW".toLowerCase(Locale.ROOT);
  }
}
