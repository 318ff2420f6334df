package org.apache.calcite.jdbc;

import io.credql.jdbc.JdbcMetadata;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Calcite's JDBC metadata with credql's view of a connection: providers as catalogs, services as
 * schemas, resources as tables (Calcite lists only the root's direct sub-schemas, so nested
 * resources would not show in {@code getTables}). It lives in Calcite's package because
 * {@code CalciteConnectionImpl}, which Calcite's metadata class is built from and which Calcite
 * casts the metadata back to, is package-private; the rows come from {@link JdbcMetadata}.
 */
public class CredqlMetaImpl extends CalciteMetaImpl {
  public CredqlMetaImpl(CalciteConnectionImpl connection) {
    super(connection);
  }

  /** Creates the metadata of {@code connection}, which must be a Calcite connection. */
  public static Meta of(org.apache.calcite.avatica.AvaticaConnection connection) {
    return new CredqlMetaImpl((CalciteConnectionImpl) connection);
  }

  private JdbcMetadata metadata() {
    return JdbcMetadata.of(getConnection().rootSchema);
  }

  @Override public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    return result(JdbcMetadata.TABLES,
        metadata().tables(catalog, schemaPattern.s, tableNamePattern.s, typeList));
  }

  @Override public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return result(JdbcMetadata.COLUMNS,
        metadata().columns(catalog, schemaPattern.s, tableNamePattern.s, columnNamePattern.s));
  }

  @Override public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return result(JdbcMetadata.SCHEMAS, metadata().schemas(catalog, schemaPattern.s));
  }

  @Override public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return result(JdbcMetadata.CATALOGS, metadata().catalogs());
  }

  @Override public MetaResultSet getProcedures(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat procedureNamePattern) {
    return result(JdbcMetadata.PROCEDURES,
        metadata().procedures(catalog, schemaPattern.s, procedureNamePattern.s));
  }

  @Override public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat procedureNamePattern, Pat columnNamePattern) {
    return result(JdbcMetadata.PROCEDURE_COLUMNS, metadata().procedureColumns(catalog,
        schemaPattern.s, procedureNamePattern.s, columnNamePattern.s));
  }

  private MetaResultSet result(List<JdbcMetadata.Column> columns, List<Object[]> rows) {
    final List<ColumnMetaData> metadata = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      metadata.add(columnMetaData(columns.get(i).name(), i, columns.get(i).type(), true));
    }
    final List<Object> list = new ArrayList<>(rows);
    return createResultSet(Collections.emptyMap(), metadata, CursorFactory.ARRAY,
        new Frame(0, true, list));
  }
}
