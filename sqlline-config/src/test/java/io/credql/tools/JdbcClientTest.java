package io.credql.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a JDBC client (a BI tool, a SQL editor, a Java program) sees of the bundled providers on the
 * sandbox: the metadata calls tools make when they connect, three-part quoted names, bound
 * parameters, and result columns typed and named as the documents say.
 */
class JdbcClientTest {
  private static final String SANDBOX = "jdbc:credql:sandbox=true";

  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (String column : columns) {
          row.add(rs.getString(column));
        }
        values.add(String.join("|", row));
      }
    }
    return values;
  }

  @Test void aToolConnectingSeesProvidersAsCatalogsServicesAsSchemasAndTheJsonTypes()
      throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX)) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals("credql", md.getDatabaseProductName());
      assertEquals("credql JDBC Driver", md.getDriverName());
      assertEquals(Set.of("linode", "render", "databricks_workspace", "huaweicloud", "aws", "google", "azure"),
          new TreeSet<>(rows(md.getCatalogs(), "TABLE_CAT")));
      assertEquals(Set.of("databases|linode", "postgres|render", "database|databricks_workspace",
              "postgres|databricks_workspace", "gaussdb|huaweicloud", "rds|huaweicloud", "rds|aws",
              "secretsmanager|aws", "sqladmin|google", "postgresql_flexible_servers|azure",
              "mysql_flexible_servers|azure"),
          new TreeSet<>(rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG")));
      assertEquals(List.of("postgres|databricks_workspace"),
          rows(md.getSchemas("databricks_workspace", "post%"), "TABLE_SCHEM", "TABLE_CATALOG"));

      final List<String> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
      for (String type : List.of("BIGINT|" + Types.BIGINT, "VARCHAR|" + Types.VARCHAR,
          "BOOLEAN|" + Types.BOOLEAN, "DOUBLE|" + Types.DOUBLE)) {
        assertTrue(types.contains(type), () -> type + " in " + types);
      }
    }
  }

  @Test void tablesAndColumnsCarryTheDocumentsDescriptionsAndMarkRequiredParameters()
      throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX)) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("linode|databases|postgresql_instances|TABLE|Managed PostgreSQL databases of the account.",
          "linode|databases|postgresql_instances_credentials|TABLE|The root username and password of a Managed PostgreSQL Database."),
          rows(md.getTables("linode", "databases", "postgresql%", new String[] {"TABLE"}),
              "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"));
      assertEquals(List.of(
          "username|" + Types.VARCHAR + "|VARCHAR|1|NO",
          "default|" + Types.BOOLEAN + "|BOOLEAN|2|NO",
          "createdAt|" + Types.VARCHAR + "|VARCHAR|3|NO",
          "openConnections|" + Types.BIGINT + "|BIGINT|4|NO",
          "postgresId|" + Types.VARCHAR + "|VARCHAR|5|YES"),
          rows(md.getColumns("render", "postgres", "credentials", null),
              "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION", "IS_REQUIRED_PARAMETER"));
      assertEquals(List.of("Required parameter. The ID of the Postgres instance (dpg-...)."),
          rows(md.getColumns("render", "postgres", "credentials", "postgresId"), "REMARKS"));
    }
  }

  @Test void execMethodsAreProceduresWhoseColumnsAreTheirInputsAndResults() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX)) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of(
          "databases|postgresql_instances_credentials._getDatabasesPostgreSQLInstanceCredentials|"
              + DatabaseMetaData.procedureReturnsResult,
          "databases|postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset|"
              + DatabaseMetaData.procedureNoResult),
          new ArrayList<>(new TreeSet<>(rows(md.getProcedures("linode", "databases",
              "postgresql_instances_credentials.%"), "PROCEDURE_SCHEM", "PROCEDURE_NAME", "PROCEDURE_TYPE"))));
      assertEquals(List.of(
          "instanceId|" + DatabaseMetaData.procedureColumnIn + "|BIGINT|" + DatabaseMetaData.procedureNoNulls,
          "password|" + DatabaseMetaData.procedureColumnResult + "|VARCHAR|" + DatabaseMetaData.procedureNullable,
          "username|" + DatabaseMetaData.procedureColumnResult + "|VARCHAR|" + DatabaseMetaData.procedureNullable),
          rows(md.getProcedureColumns("linode", "databases",
              "postgresql_instances_credentials._getDatabasesPostgreSQLInstanceCredentials", null),
              "COLUMN_NAME", "COLUMN_TYPE", "TYPE_NAME", "NULLABLE"));
      assertEquals(List.of("deployment_name|" + DatabaseMetaData.procedureColumnIn + "|VARCHAR"),
          rows(md.getProcedureColumns("databricks_workspace", "postgres",
              "postgres_credentials.generate", "deployment%"), "COLUMN_NAME", "COLUMN_TYPE", "TYPE_NAME"));
    }
  }

  @Test void aResourceWithoutSelectSaysSoAndNamesItsExecMethods() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX)) {
      final DatabaseMetaData md = c.getMetaData();
      final List<String> table = rows(md.getTables("huaweicloud", "gaussdb", "db_user_password", null), "REMARKS");
      assertEquals(1, table.size());
      assertTrue(table.get(0).contains("SELECT is not supported for this resource; use EXEC "
          + "huaweicloud.gaussdb.db_user_password.reset"), table.get(0));
      for (String column : rows(md.getColumns("huaweicloud", "gaussdb", "db_user_password", null),
          "COLUMN_NAME", "REMARKS", "IS_REQUIRED_PARAMETER")) {
        assertTrue(column.contains("|Parameter of EXEC huaweicloud.gaussdb.db_user_password.reset"), column);
        assertFalse(column.contains("Optional parameter"), column);
      }
    }
  }

  @Test void aQuotedThreePartNameSelectsTheResourcesRows() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT * FROM \"linode\".\"databases\".\"postgresql_instances\" ORDER BY \"id\"")) {
      final List<Long> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong("id"));
        assertNotNull(rs.getString("label"));
      }
      assertEquals(List.of(123L, 124L, 125L, 126L), ids);
    }
  }

  @Test void aPreparedStatementBindsARequiredParameterAndRunsAgainWithAnother() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX);
         PreparedStatement ps = c.prepareStatement("SELECT instanceId, username, password"
             + " FROM linode.databases.postgresql_instances_credentials WHERE instanceId = ?")) {
      final ParameterMetaData parameters = ps.getParameterMetaData();
      assertEquals(1, parameters.getParameterCount());
      assertEquals(Types.BIGINT, parameters.getParameterType(1));
      for (long id : new long[] {123, 124}) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "credentials of " + id);
          assertEquals(id, rs.getLong("instanceId"));
          assertFalse(rs.getString("username").isEmpty());
          assertFalse(rs.getString("password").isEmpty());
          assertFalse(rs.next());
        }
      }
    }
  }

  @Test void anExecTakesBoundParametersToo() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX);
         PreparedStatement ps = c.prepareStatement("EXEC linode.databases.postgresql_instances_credentials"
             + "._getDatabasesPostgreSQLInstanceCredentials @instanceId = ?")) {
      ps.setLong(1, 124);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertFalse(rs.getString("username").isEmpty());
      }
    }
  }

  @Test void resultColumnsAreTypedAndLabelledAsTheDocumentsSay() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX);
         PreparedStatement ps = c.prepareStatement("SELECT * FROM render.postgres.credentials"
             + " WHERE postgresId = ?")) {
      final ResultSetMetaData md = ps.getMetaData();
      final List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i) + " " + md.getColumnType(i) + " " + md.getColumnTypeName(i)
            + " " + md.getColumnClassName(i));
      }
      assertEquals(List.of(
          "username " + Types.VARCHAR + " VARCHAR java.lang.String",
          "default " + Types.BOOLEAN + " BOOLEAN java.lang.Boolean",
          "createdAt " + Types.VARCHAR + " VARCHAR java.lang.String",
          "openConnections " + Types.BIGINT + " BIGINT java.lang.Long",
          "postgresId " + Types.VARCHAR + " VARCHAR java.lang.String"), columns);
    }
  }

  @Test void objectsAndArraysAreJsonTextAndNumbersAreDoubles() throws SQLException {
    try (Connection c = DriverManager.getConnection(SANDBOX);
         PreparedStatement ps = c.prepareStatement("SELECT id, hosts, allow_list, encrypted"
             + " FROM linode.databases.postgresql_instances")) {
      final ResultSetMetaData md = ps.getMetaData();
      assertEquals(List.of(Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN),
          List.of(md.getColumnType(1), md.getColumnType(2), md.getColumnType(3), md.getColumnType(4)));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertTrue(rs.getString("hosts").startsWith("{"), rs.getString("hosts"));
        assertTrue(rs.getString("allow_list").startsWith("["), rs.getString("allow_list"));
      }
    }
    // no bundled document has a JSON number; the shell tests' provider has one
    final String acme = "jdbc:credql:providers=" + Paths.get("src/test/resources/providers").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(acme);
         PreparedStatement ps = c.prepareStatement("SELECT weight FROM acme.things.things")) {
      assertEquals(Types.DOUBLE, ps.getMetaData().getColumnType(1));
      assertEquals("java.lang.Double", ps.getMetaData().getColumnClassName(1));
    }
  }
}
