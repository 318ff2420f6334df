package io.credql.statement;

import io.credql.document.MethodDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import io.credql.call.ProviderClient;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.document.SqlVerb;
import io.credql.error.UnsupportedVerbException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlShow;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code SHOW [EXTENDED] PROVIDERS | SERVICES | RESOURCES | METHODS | VERSION [IN name]
 * [LIKE pattern | WHERE condition]} with StackQL's columns, and {@code SHOW INSERT INTO resource}. Listing reads provider documents, never calls a provider.
 */
record ShowHandler(CredqlSession session) implements StatementHandler {
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlShow show = (SqlShow) node;
    if (show.target() == SqlShow.Target.INSERT) {
      return showInsert(context, sql, show);
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
      final List<String> names = scope(show, context, 1, "provider", "SHOW SERVICES IN linode");
      final ProviderDocument provider = ObjectNames.provider(session, names.get(0));
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
      final List<String> names = scope(show, context, 2, "provider.service",
          "SHOW RESOURCES IN linode.databases");
      final ServiceDocument service = ObjectNames.service(session, names.get(0), names.get(1));
      columns.add(ResultColumn.varchar("name"));
      columns.add(ResultColumn.varchar("id"));
      for (ResourceDefinition resource : service.resources().values()) {
        if (matches(like, resource.name())) {
          rows.add(new Object[] {resource.name(), resource.id(), description(resource)});
        }
      }
      break;
    }
    case AUTH:
      if (scope.size() > 1) {
        throw new InvalidInputException("SHOW AUTH takes a provider name, as in SHOW AUTH linode");
      }
      columns.add(ResultColumn.varchar("provider"));
      columns.add(ResultColumn.varchar("type"));
      columns.add(ResultColumn.varchar("variables"));
      columns.add(ResultColumn.varchar("status"));
      for (String name : scope.isEmpty() ? session.catalog().providerNames() : scope) {
        if (matches(like, name)) {
          rows.add(authRow(ObjectNames.provider(session, name)));
        }
      }
      break;
    case VERSION:
      if (!scope.isEmpty()) {
        throw new InvalidInputException("SHOW VERSION takes no IN; it answers for credql itself");
      }
      columns.add(ResultColumn.varchar("version"));
      if (show.isExtended()) {
        columns.add(ResultColumn.varchar("commit"));
        columns.add(ResultColumn.varchar("build_date"));
        columns.add(ResultColumn.varchar("platform"));
      }
      // credql's build records neither its commit nor its date: NULL says so, where a made-up
      // value would not be the truth
      rows.add(new Object[] {CredqlSession.VERSION, null, null, platform()});
      break;
    default: {
      final List<String> names = scope(show, context, 3, "provider.service.resource",
          "SHOW METHODS IN linode.databases.postgresql_instances_credentials");
      final ResourceDefinition resource =
          ObjectNames.resource(session, names.get(0), names.get(1), names.get(2));
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
    if (show.isExtended() && show.target() != SqlShow.Target.VERSION) {
      columns.add(ResultColumn.varchar("description"));
    }
    final int width = columns.size();
    final List<Object[]> shaped = new ArrayList<>();
    for (Object[] row : rows) {
      final Object[] copy = new Object[width];
      System.arraycopy(row, 0, copy, 0, Math.min(width, row.length));
      shaped.add(copy);
    }
    if (show.where() == null) {
      return Signatures.query(context, sql, columns, List.of(), dataContext -> shaped);
    }
    final String condition = StatementText.of(sql, show.where());
    return Signatures.query(context, sql, columns, List.of(), dataContext -> {
      try {
        return where(dataContext, columns, shaped, condition);
      } catch (CredqlException e) {
        throw e.unchecked();
      }
    });
  }

  /**
   * The rows that satisfy SHOW's WHERE condition, which Calcite evaluates over the rows as a
   * VALUES table whose columns are SHOW's: any condition a SELECT could have works.
   */
  private static List<Object[]> where(DataContext dataContext, List<ResultColumn> columns,
      List<Object[]> rows, String condition) throws CredqlException {
    if (rows.isEmpty()) {
      return rows;
    }
    final StringBuilder query = new StringBuilder("SELECT \"credql$row\" FROM (VALUES ");
    for (int r = 0; r < rows.size(); r++) {
      query.append(r == 0 ? "(" : ", (").append(r);
      for (Object value : rows.get(r)) {
        query.append(", CAST(").append(value == null ? "NULL"
            : "'" + value.toString().replace("'", "''") + "'").append(" AS VARCHAR)");
      }
      query.append(')');
    }
    query.append(") AS t(\"credql$row\"");
    for (ResultColumn column : columns) {
      query.append(", \"").append(column.name().replace("\"", "\"\"")).append('"');
    }
    query.append(") WHERE ").append(condition);
    final CalciteConnection connection = (CalciteConnection) dataContext.getQueryProvider();
    final List<Object[]> kept = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet resultSet = statement.executeQuery(query.toString())) {
      while (resultSet.next()) {
        kept.add(rows.get(resultSet.getInt(1)));
      }
    } catch (SQLException e) {
      final CredqlException credql = CredqlException.find(e);
      throw credql != null ? credql : new InvalidInputException("SHOW ... WHERE " + condition
          + ": " + firstLine(e.getMessage()));
    }
    return kept;
  }

  private static String firstLine(@Nullable String message) {
    final String text = message == null ? "the condition cannot be evaluated" : message;
    final int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** {@code SHOW INSERT [/*+ REQUIRED *}{@code /] INTO resource [(columns)]}: StackQL's INSERT template. */
  private <T> CalcitePrepare.CalciteSignature<T> showInsert(CalcitePrepare.Context context,
      String sql, SqlShow show) throws CredqlException {
    for (String hint : show.hintNames()) {
      if (!hint.equals("REQUIRED")) {
        throw new InvalidInputException("unknown hint " + hint + ": SHOW INSERT accepts /*+ REQUIRED */");
      }
    }
    final List<String> names = scope(show, context, 3, "provider.service.resource",
        "SHOW INSERT INTO render.postgres.credentials");
    final ResourceDefinition resource =
        ObjectNames.resource(session, names.get(0), names.get(1), names.get(2));
    final List<MethodDefinition> inserts = resource.methodsFor(SqlVerb.INSERT);
    if (inserts.isEmpty()) {
      throw new UnsupportedVerbException("INSERT not supported for " + resource.id()
          + ", use SHOW METHODS IN " + resource.id() + " to view available operations for the resource");
    }
    final List<String> only = new ArrayList<>();
    if (show.columns() != null) {
      for (SqlNode column : show.columns()) {
        only.add(((SqlIdentifier) column).getSimple());
      }
    }
    final String template = InsertTemplate.of(inserts.get(0), show.hintNames().contains("REQUIRED"), only);
    final List<Object[]> rows = List.<Object[]>of(new Object[] {template});
    return Signatures.query(context, sql, List.of(ResultColumn.varchar("insert_statement")), List.of(),
        dataContext -> rows);
  }

  private static @Nullable String description(ResourceDefinition resource) {
    return resource.description() != null ? resource.description() : resource.title();
  }

  /** The operating system and processor as StackQL names its builds' ({@code linux/amd64}). */
  private static String platform() {
    final String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    final String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    return (os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os) + "/"
        + (arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch);
  }

  /** SQL LIKE, ignoring case as identifiers do. */
  /**
   * A provider's auth status: its scheme, the environment variables it reads, and whether they
   * are set; never their values.
   */
  private Object[] authRow(ProviderDocument provider) {
    final JsonNode config = ProviderClient.authConfig(session, provider);
    if (config == null) {
      return new Object[] {provider.name(), null, null, "no credentials needed"};
    }
    final List<String> variables = ProviderClient.credentialVariables(config);
    final List<String> unset = new ArrayList<>();
    for (String variable : variables) {
      if (session.environment().get(variable) == null) {
        unset.add(variable);
      }
    }
    return new Object[] {provider.name(), config.path("type").asText(), String.join(", ", variables),
        unset.isEmpty() ? "set" : "not set: " + String.join(", ", unset)};
  }

  private static boolean matches(@Nullable String like, String name) {
    return like == null || new SqlFunctions.LikeFunction().ilike(name, like);
  }

  /**
   * The name after IN (or INTO), of {@code parts} parts; without its provider, in the
   * connection's default provider ({@code USE provider}), as StackQL resolves it.
   */
  private static List<String> scope(SqlShow show, CalcitePrepare.Context context, int parts,
      String form, String example) throws InvalidInputException {
    final List<String> scope = show.scope() == null ? List.of() : show.scope().names;
    final List<String> names = ObjectNames.withDefaultProvider(scope, parts, context);
    if (names.size() != parts) {
      throw new InvalidInputException("SHOW " + show.target().name() + " needs IN <" + form
          + ">, e.g. " + example + (scope.isEmpty() ? "" : "; got '" + String.join(".", scope) + "'"));
    }
    return names;
  }

  @Override public String toString() {
    return "SHOW".toLowerCase(Locale.ROOT);
  }
}
