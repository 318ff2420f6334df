package io.credql.tools;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.session.ProviderCatalog;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.SqlVerb;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import schemacrawler.crawl.SchemaCrawler;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ParameterModeType;
import schemacrawler.schema.Routine;
import schemacrawler.schema.RoutineParameter;
import schemacrawler.schema.RoutineType;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaRetrievalOptionsBuilder;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SchemaCrawler, a JDBC tool from Maven Central, crawls the driver's metadata the way database
 * browsers, BI tools and ER diagrammers do (catalogs, schemas, tables, columns, keys, indexes,
 * procedures and their parameters), and finds every bundled resource as the documents describe it:
 * the provider as catalog, the service as schema, the resource as table.
 */
class SchemaCrawlerTest {
  private static Catalog crawled;
  private static List<ResourceDefinition> resources;

  @BeforeAll static void crawl() throws Exception {
    final DatabaseConnectionSource connections = DatabaseConnectionSources.newDatabaseConnectionSource(
        "jdbc:credql:sandbox=true", new MultiUseUserCredentials());
    try {
      final SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
          .withLoadOptions(LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.maximum).toOptions())
          .withLimitOptions(LimitOptionsBuilder.builder().includeAllRoutines().toOptions());
      crawled = new SchemaCrawler(connections,
          SchemaRetrievalOptionsBuilder.newSchemaRetrievalOptions(), options).crawl();
    } finally {
      connections.close();
    }
    resources = new ArrayList<>();
    final ProviderCatalog catalog = ProviderCatalog.create(CredqlSession.bundles(), List.of());
    for (String providerName : catalog.providerNames()) {
      final ProviderDocument provider = catalog.provider(providerName);
      for (String service : provider.serviceEntries().keySet()) {
        resources.addAll(provider.service(service).resources().values());
      }
    }
  }

  private static Schema schema(ResourceDefinition resource) {
    for (Schema schema : crawled.getSchemas()) {
      if (resource.service().provider().name().equals(schema.getCatalogName())
          && resource.service().name().equals(schema.getName())) {
        return schema;
      }
    }
    throw new AssertionError("SchemaCrawler found no schema " + resource.service() + " in "
        + crawled.getSchemas());
  }

  private static Table table(ResourceDefinition resource) {
    for (Table table : crawled.getTables(schema(resource))) {
      if (table.getName().equals(resource.name())) {
        return table;
      }
    }
    throw new AssertionError("SchemaCrawler found no table " + resource.id());
  }

  private static Routine routine(MethodDefinition method) {
    final String name = method.resource().name() + "." + method.name();
    for (Routine routine : crawled.getRoutines(schema(method.resource()))) {
      if (routine.getName().equals(name)) {
        return routine;
      }
    }
    throw new AssertionError("SchemaCrawler found no procedure " + method.id());
  }

  @Test void everyBundledResourceIsATableInItsProvidersCatalogAndItsServicesSchema() {
    final TreeSet<String> expected = new TreeSet<>();
    resources.forEach(resource -> expected.add(resource.id()));
    final TreeSet<String> found = new TreeSet<>();
    for (Schema schema : crawled.getSchemas()) {
      for (Table table : crawled.getTables(schema)) {
        found.add(schema.getCatalogName() + "." + schema.getName() + "." + table.getName());
        assertEquals("TABLE", table.getTableType().getTableType().toUpperCase(java.util.Locale.ROOT));
      }
    }
    assertEquals(expected, found);
    assertTrue(found.containsAll(List.of("linode.databases.postgresql_instances_credentials",
        "render.postgres.credentials", "databricks_workspace.postgres.postgres_credentials",
        "huaweicloud.rds.root_password")), found::toString);
  }

  @Test void everyTableHasTheDocumentsColumnsInOrderWithTheirSqlTypesAndDescriptions() {
    for (ResourceDefinition resource : resources) {
      final Table table = table(resource);
      final List<ResourceColumn> columns = ResourceColumns.of(resource).list();
      final List<String> expected = new ArrayList<>();
      for (ResourceColumn column : columns) {
        expected.add(column.name() + " " + column.sqlType().getName());
      }
      final List<String> found = new ArrayList<>();
      for (Column column : table.getColumns()) {
        found.add(column.getName() + " " + column.getColumnDataType().getName());
        final ResourceColumn documented = columns.get(column.getOrdinalPosition() - 1);
        assertEquals(documented.sqlType().getJdbcOrdinal(),
            column.getColumnDataType().getJavaSqlType().getVendorTypeNumber(), column::getFullName);
        if (documented.description() != null) {
          assertTrue(column.getRemarks().endsWith(documented.description()),
              () -> column.getFullName() + ": " + column.getRemarks());
        }
      }
      assertEquals(expected, found, resource.id());
      final String remarks = resource.description() != null ? resource.description() : resource.title();
      if (resource.methodsFor(SqlVerb.SELECT).isEmpty()) {
        assertTrue(table.getRemarks().startsWith(remarks == null ? "" : remarks), resource.id());
        assertTrue(table.getRemarks().contains("SELECT is not supported for this resource"), resource.id());
      } else {
        assertEquals(remarks == null ? "" : remarks, table.getRemarks(), resource.id());
      }
    }
  }

  @Test void linodeCredentialsShowTheirFieldsAndTheRequiredInstanceId() {
    final Table table = table(resources.stream()
        .filter(r -> r.id().equals("linode.databases.postgresql_instances_credentials")).findFirst()
        .orElseThrow());
    final Map<String, String> columns = new TreeMap<>();
    for (Column column : table.getColumns()) {
      columns.put(column.getName(), column.getColumnDataType().getName() + " | " + column.getRemarks());
    }
    assertEquals(Map.of(
        "username", "VARCHAR | __Read-only__ The root username for the Managed Database instance.",
        "password", "VARCHAR | __Read-only__ The randomly generated root password for the Managed Database instance.",
        "instanceId", "BIGINT | Required parameter. The ID of the Managed PostgreSQL Database."), columns);
  }

  /**
   * SchemaCrawler keys a procedure's columns by name, so where a result field has the name of an
   * input (the {@code name} of {@code database_instances._get}) the driver lists only the input,
   * which the caller must give.
   */
  @Test void everyExecMethodIsAProcedureWithItsInputsAndItsResultFields() {
    int procedures = 0;
    for (ResourceDefinition resource : resources) {
      for (MethodDefinition method : resource.methods()) {
        if (method.sqlVerb() != SqlVerb.EXEC) {
          continue;
        }
        procedures++;
        final Routine routine = routine(method);
        assertEquals(RoutineType.procedure, routine.getRoutineType(), method::id);
        final Map<String, String> expected = new TreeMap<>();
        for (ParameterDefinition input : method.inputs()) {
          expected.put(input.name(), "in, " + (method.requiredInputNames().contains(input.name())
              ? "required" : "optional"));
        }
        final SchemaNode output = method.isRaw() ? method.responseSchema() : method.rowSchema();
        if (output != null) {
          output.properties().keySet().forEach(field -> expected.putIfAbsent(field, "result"));
        }
        final Map<String, String> found = new TreeMap<>();
        for (Object each : routine.getParameters()) {
          final RoutineParameter<?> parameter = (RoutineParameter<?>) each;
          found.put(parameter.getName(), parameter.getParameterMode() == ParameterModeType.in
              ? "in, " + (parameter.isNullable() ? "optional" : "required")
              : parameter.getParameterMode().name());
        }
        assertEquals(expected, found, method.id());
      }
    }
    assertEquals(procedures, crawled.getRoutines().size(), "one procedure per EXEC method, no more");
  }

  @Test void resettingLinodeCredentialsIsAProcedureTakingTheInstanceId() {
    final MethodDefinition reset = resources.stream()
        .filter(r -> r.id().equals("linode.databases.postgresql_instances_credentials")).findFirst()
        .orElseThrow().method("postDatabasesPostgreSQLInstanceCredentialsReset");
    assertNotNull(reset);
    final Routine routine = routine(reset);
    assertTrue(routine.getRemarks().startsWith("Reset the root password for a Managed PostgreSQL Database."),
        routine::getRemarks);
    final RoutineParameter<?> instanceId = (RoutineParameter<?>) routine.getParameters().get(0);
    assertEquals("instanceId", instanceId.getName());
    assertEquals("BIGINT", instanceId.getColumnDataType().getName());
    assertFalse(instanceId.isNullable());
    final List<ParameterDefinition> inputs = reset.inputs();
    assertEquals(1, inputs.size());
  }
}
