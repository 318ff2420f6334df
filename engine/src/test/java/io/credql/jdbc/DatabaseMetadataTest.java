package io.credql.jdbc;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What JDBC tools (sqlline's !tables, BI tools) see: providers, services and resources. */
class DatabaseMetadataTest {
  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath());
  }

  private static List<String> strings(ResultSet rs, String... columns) throws SQLException {
    final List<String> values = new ArrayList<>();
    while (rs.next()) {
      final StringBuilder b = new StringBuilder();
      for (String column : columns) {
        b.append(b.length() == 0 ? "" : "|").append(rs.getString(column));
      }
      values.add(b.toString());
    }
    return values;
  }

  @Test void providersAreCatalogsAndServicesAreSchemas() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("acme", "beta"), strings(md.getCatalogs(), "TABLE_CAT"));
      assertEquals(List.of("things|acme", "inventory|beta"),
          strings(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
      assertEquals(List.of("things|acme"), strings(md.getSchemas("acme", "th%"), "TABLE_SCHEM", "TABLE_CATALOG"));
    }
  }

  @Test void nestedResourcesAreListedAsTables() throws SQLException {
    try (Connection c = connect()) {
      final List<String> tables = strings(c.getMetaData().getTables(null, null, "%", null),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE");
      assertTrue(tables.contains("acme|things|thing_secrets|TABLE"), tables.toString());
      assertTrue(tables.contains("acme|things|things|TABLE"), tables.toString());
      assertEquals(List.of("acme|things|thing_secrets"),
          strings(c.getMetaData().getTables("acme", "things", "thing_sec%", new String[] {"TABLE"}),
              "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME"));
    }
  }

  @Test void columnsAreTypedAndRequiredParametersMarked() throws SQLException {
    try (Connection c = connect();
         ResultSet rs = c.getMetaData().getColumns("acme", "things", "thing_secrets", "%")) {
      final List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":"
            + rs.getString("TYPE_NAME") + ":" + rs.getInt("ORDINAL_POSITION") + ":"
            + rs.getString("IS_REQUIRED_PARAMETER"));
      }
      assertEquals(List.of("username:" + Types.VARCHAR + ":VARCHAR:1:NO",
          "password:" + Types.VARCHAR + ":VARCHAR:2:NO",
          "thingId:" + Types.BIGINT + ":BIGINT:3:YES"), rows);
    }
  }

  @Test void execMethodsAreProcedures() throws SQLException {
    try (Connection c = connect()) {
      final List<String> procedures = strings(c.getMetaData().getProcedures("acme", null, "thing_secrets%"),
          "PROCEDURE_SCHEM", "PROCEDURE_NAME");
      assertEquals(List.of("things|thing_secrets.rotateThingSecret", "things|thing_secrets._getThingSecret"),
          procedures);
      final List<String> columns = strings(c.getMetaData().getProcedureColumns("acme", null,
          "thing_tokens.generate", null), "COLUMN_NAME", "COLUMN_TYPE", "TYPE_NAME");
      assertTrue(columns.contains("thingId|" + DatabaseMetaData.procedureColumnIn + "|BIGINT"), columns.toString());
      assertTrue(columns.contains("token|" + DatabaseMetaData.procedureColumnResult + "|VARCHAR"), columns.toString());
    }
  }
}
