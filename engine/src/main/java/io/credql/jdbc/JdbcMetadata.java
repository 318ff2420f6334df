package io.credql.jdbc;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.ServiceDocument;
import io.credql.document.SqlVerb;
import io.credql.schema.JsonSqlTypes;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import io.credql.session.CredqlSession;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Rows of JDBC's {@link DatabaseMetaData} for a connection: each provider is a catalog, each
 * service a schema, each resource a table with its columns (REMARKS from the documents, required
 * parameters marked), each method a procedure with its parameters.
 */
public final class JdbcMetadata {
  /** A column of a metadata result set. */
  public record Column(String name, Class<?> type) {
  }

  public static final List<Column> CATALOGS = List.of(new Column("TABLE_CAT", String.class));
  public static final List<Column> SCHEMAS = List.of(new Column("TABLE_SCHEM", String.class),
      new Column("TABLE_CATALOG", String.class));
  public static final List<Column> TABLES = List.of(new Column("TABLE_CAT", String.class),
      new Column("TABLE_SCHEM", String.class), new Column("TABLE_NAME", String.class),
      new Column("TABLE_TYPE", String.class), new Column("REMARKS", String.class),
      new Column("TYPE_CAT", String.class), new Column("TYPE_SCHEM", String.class),
      new Column("TYPE_NAME", String.class), new Column("SELF_REFERENCING_COL_NAME", String.class),
      new Column("REF_GENERATION", String.class));
  public static final List<Column> COLUMNS = List.of(new Column("TABLE_CAT", String.class),
      new Column("TABLE_SCHEM", String.class), new Column("TABLE_NAME", String.class),
      new Column("COLUMN_NAME", String.class), new Column("DATA_TYPE", Integer.class),
      new Column("TYPE_NAME", String.class), new Column("COLUMN_SIZE", Integer.class),
      new Column("BUFFER_LENGTH", Integer.class), new Column("DECIMAL_DIGITS", Integer.class),
      new Column("NUM_PREC_RADIX", Integer.class), new Column("NULLABLE", Integer.class),
      new Column("REMARKS", String.class), new Column("COLUMN_DEF", String.class),
      new Column("SQL_DATA_TYPE", Integer.class), new Column("SQL_DATETIME_SUB", Integer.class),
      new Column("CHAR_OCTET_LENGTH", Integer.class), new Column("ORDINAL_POSITION", Integer.class),
      new Column("IS_NULLABLE", String.class), new Column("SCOPE_CATALOG", String.class),
      new Column("SCOPE_SCHEMA", String.class), new Column("SCOPE_TABLE", String.class),
      new Column("SOURCE_DATA_TYPE", Short.class), new Column("IS_AUTOINCREMENT", String.class),
      new Column("IS_GENERATEDCOLUMN", String.class),
      new Column("IS_REQUIRED_PARAMETER", String.class));
  public static final List<Column> PROCEDURES = List.of(new Column("PROCEDURE_CAT", String.class),
      new Column("PROCEDURE_SCHEM", String.class), new Column("PROCEDURE_NAME", String.class),
      new Column("RESERVED1", String.class), new Column("RESERVED2", String.class),
      new Column("RESERVED3", String.class), new Column("REMARKS", String.class),
      new Column("PROCEDURE_TYPE", Short.class), new Column("SPECIFIC_NAME", String.class));
  public static final List<Column> PROCEDURE_COLUMNS = List.of(
      new Column("PROCEDURE_CAT", String.class), new Column("PROCEDURE_SCHEM", String.class),
      new Column("PROCEDURE_NAME", String.class), new Column("COLUMN_NAME", String.class),
      new Column("COLUMN_TYPE", Short.class), new Column("DATA_TYPE", Integer.class),
      new Column("TYPE_NAME", String.class), new Column("PRECISION", Integer.class),
      new Column("LENGTH", Integer.class), new Column("SCALE", Short.class),
      new Column("RADIX", Short.class), new Column("NULLABLE", Short.class),
      new Column("REMARKS", String.class), new Column("COLUMN_DEF", String.class),
      new Column("SQL_DATA_TYPE", Integer.class), new Column("SQL_DATETIME_SUB", Integer.class),
      new Column("CHAR_OCTET_LENGTH", Integer.class), new Column("ORDINAL_POSITION", Integer.class),
      new Column("IS_NULLABLE", String.class), new Column("SPECIFIC_NAME", String.class));

  private final CredqlSession session;

  private JdbcMetadata(CredqlSession session) {
    this.session = requireNonNull(session, "session");
  }

  /** The metadata of the connection whose root schema is {@code root}. */
  public static JdbcMetadata of(CalciteSchema root) {
    final CredqlSession session = Sessions.of(root);
    if (session == null) {
      throw new IllegalStateException("not a credql connection");
    }
    return new JdbcMetadata(session);
  }

  public List<Object[]> catalogs() {
    final List<Object[]> rows = new ArrayList<>();
    for (String provider : session.catalog().providerNames()) {
      rows.add(new Object[] {provider});
    }
    return rows;
  }

  public List<Object[]> schemas(@Nullable String catalog, @Nullable String schemaPattern) {
    final List<Object[]> rows = new ArrayList<>();
    for (ProviderDocument provider : providers(catalog)) {
      for (String service : provider.serviceEntries().keySet()) {
        if (like(service, schemaPattern)) {
          rows.add(new Object[] {service, provider.name()});
        }
      }
    }
    return rows;
  }

  public List<Object[]> tables(@Nullable String catalog, @Nullable String schemaPattern,
      @Nullable String tablePattern, @Nullable List<String> types) {
    final List<Object[]> rows = new ArrayList<>();
    if (types != null && types.stream().noneMatch("TABLE"::equalsIgnoreCase)) {
      return rows;
    }
    for (ResourceDefinition resource : resources(catalog, schemaPattern, tablePattern)) {
      rows.add(new Object[] {provider(resource), resource.service().name(), resource.name(),
          "TABLE", remarks(resource), null, null, null, null, null});
    }
    return rows;
  }

  public List<Object[]> columns(@Nullable String catalog, @Nullable String schemaPattern,
      @Nullable String tablePattern, @Nullable String columnPattern) {
    final List<Object[]> rows = new ArrayList<>();
    for (ResourceDefinition resource : resources(catalog, schemaPattern, tablePattern)) {
      final List<String> required = requiredOfSelect(resource);
      final List<ResourceColumn> columns = ResourceColumns.of(resource).list();
      for (int i = 0; i < columns.size(); i++) {
        final ResourceColumn column = columns.get(i);
        if (!like(column.name(), columnPattern)) {
          continue;
        }
        final SqlTypeName type = column.sqlType();
        final boolean isRequired = required.contains(column.name());
        String remarks = column.description();
        if (isRequired) {
          remarks = "Required parameter" + (remarks == null ? "" : ". " + remarks);
        } else if (!resource.isSelectable() && column.isParameter() && !column.isField()) {
          remarks = "Parameter of " + execMethods(resource) + (remarks == null ? "" : ". " + remarks);
        } else if (column.isParameter() && !column.isField()) {
          remarks = "Optional parameter" + (remarks == null ? "" : ". " + remarks);
        }
        rows.add(new Object[] {provider(resource), resource.service().name(), resource.name(),
            column.name(), type.getJdbcOrdinal(), type.getName(), size(type), null,
            decimalDigits(type), 10,
            DatabaseMetaData.columnNullable, remarks, null, null, null,
            type == SqlTypeName.VARCHAR ? Integer.MAX_VALUE : null, i + 1, "YES", null, null, null,
            null, "NO", "NO", isRequired ? "YES" : "NO"});
      }
    }
    return rows;
  }

  public List<Object[]> procedures(@Nullable String catalog, @Nullable String schemaPattern,
      @Nullable String procedurePattern) {
    final List<Object[]> rows = new ArrayList<>();
    for (ResourceDefinition resource : resources(catalog, schemaPattern, null)) {
      for (MethodDefinition method : resource.methods()) {
        final String name = resource.name() + "." + method.name();
        if (method.sqlVerb() == SqlVerb.EXEC && like(name, procedurePattern)) {
          rows.add(new Object[] {provider(resource), resource.service().name(), name, null, null,
              null, method.description(),
              (short) (method.isMutation() ? DatabaseMetaData.procedureNoResult
                  : DatabaseMetaData.procedureReturnsResult), method.id()});
        }
      }
    }
    return rows;
  }

  public List<Object[]> procedureColumns(@Nullable String catalog, @Nullable String schemaPattern,
      @Nullable String procedurePattern, @Nullable String columnPattern) {
    final List<Object[]> rows = new ArrayList<>();
    for (ResourceDefinition resource : resources(catalog, schemaPattern, null)) {
      for (MethodDefinition method : resource.methods()) {
        final String name = resource.name() + "." + method.name();
        if (method.sqlVerb() != SqlVerb.EXEC || !like(name, procedurePattern)) {
          continue;
        }
        final List<String> required = method.requiredInputNames();
        int ordinal = 0;
        for (ParameterDefinition input : method.inputs()) {
          ordinal++;
          if (like(input.name(), columnPattern)) {
            rows.add(procedureColumn(resource, method, name, input.name(),
                DatabaseMetaData.procedureColumnIn, input.type(), !required.contains(input.name()),
                input.description(), ordinal));
          }
        }
        final SchemaNode output = method.isRaw() ? method.responseSchema() : method.rowSchema();
        if (output != null) {
          for (Map.Entry<String, SchemaNode> field : output.properties().entrySet()) {
            // tools key a procedure's columns by name: a result field named like an input would
            // hide the input, which the caller must give
            if (method.input(field.getKey()) != null) {
              continue;
            }
            ordinal++;
            if (like(field.getKey(), columnPattern)) {
              rows.add(procedureColumn(resource, method, name, field.getKey(),
                  DatabaseMetaData.procedureColumnResult, field.getValue().type(), true,
                  field.getValue().description(), ordinal));
            }
          }
        }
      }
    }
    return rows;
  }

  private static Object[] procedureColumn(ResourceDefinition resource, MethodDefinition method,
      String name, String column, int kind, String jsonType, boolean nullable,
      @Nullable String remarks, int ordinal) {
    final SqlTypeName type = JsonSqlTypes.sqlType(jsonType);
    return new Object[] {provider(resource), resource.service().name(), name, column, (short) kind,
        type.getJdbcOrdinal(), type.getName(), size(type), size(type), null, (short) 10,
        (short) (nullable ? DatabaseMetaData.procedureNullable : DatabaseMetaData.procedureNoNulls),
        remarks, null, null, null, null, ordinal, nullable ? "YES" : "NO", method.id()};
  }

  private List<ProviderDocument> providers(@Nullable String catalog) {
    final List<ProviderDocument> providers = new ArrayList<>();
    for (String name : session.catalog().providerNames()) {
      if (catalog == null || name.equalsIgnoreCase(catalog)) {
        providers.add(session.catalog().provider(name));
      }
    }
    return providers;
  }

  private List<ResourceDefinition> resources(@Nullable String catalog, @Nullable String schemaPattern,
      @Nullable String tablePattern) {
    final List<ResourceDefinition> resources = new ArrayList<>();
    for (ProviderDocument provider : providers(catalog)) {
      for (String serviceName : provider.serviceEntries().keySet()) {
        if (!like(serviceName, schemaPattern)) {
          continue;
        }
        final ServiceDocument service = requireNonNull(provider.service(serviceName), serviceName); // a listed service
        for (ResourceDefinition resource : service.resources().values()) {
          if (like(resource.name(), tablePattern)) {
            resources.add(resource);
          }
        }
      }
    }
    return resources;
  }

  private static List<String> requiredOfSelect(ResourceDefinition resource) {
    final List<MethodDefinition> selects = resource.methodsFor(SqlVerb.SELECT);
    if (selects.isEmpty()) {
      return List.of();
    }
    // The last SELECT method is the least selective (e.g. the list); what it requires is always required.
    return selects.get(selects.size() - 1).requiredInputNames();
  }

  private static String provider(ResourceDefinition resource) {
    return resource.service().provider().name();
  }

  private static @Nullable String remarks(ResourceDefinition resource) {
    final String described = resource.description() != null ? resource.description() : resource.title();
    if (resource.isSelectable()) {
      return described;
    }
    final String note = "SELECT is not supported for this resource; use " + execMethods(resource) + ".";
    return described == null ? note : described + " " + note;
  }

  /** {@code EXEC <resource>.<method>} for each EXEC method of a resource, joined with "or". */
  private static String execMethods(ResourceDefinition resource) {
    final List<String> methods = new ArrayList<>();
    for (MethodDefinition method : resource.methods()) {
      if (method.sqlVerb() == SqlVerb.EXEC) {
        methods.add("EXEC " + method.id());
      }
    }
    return methods.isEmpty() ? "its other methods" : String.join(" or ", methods);
  }

  private static @Nullable Integer decimalDigits(SqlTypeName type) {
    switch (type) {
    case DOUBLE:
      return 15;
    case BIGINT:
      return 0;
    default:
      return null;
    }
  }

  private static @Nullable Integer size(SqlTypeName type) {
    switch (type) {
    case BIGINT:
      return 19;
    case DOUBLE:
      return 15;
    case BOOLEAN:
      return 1;
    default:
      return Integer.MAX_VALUE;
    }
  }

  /** JDBC's LIKE-style pattern ({@code %}, {@code _}); null matches everything. Case is ignored, as for identifiers. */
  private static boolean like(String name, @Nullable String pattern) {
    return pattern == null || new SqlFunctions.LikeFunction().ilike(name, pattern);
  }
}
