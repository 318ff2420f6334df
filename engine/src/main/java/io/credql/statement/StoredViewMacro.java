package io.credql.statement;

import io.credql.functions.SqliteOperatorTable;
import io.credql.functions.SqliteValidator;
import io.credql.sql.CredqlParserConfig;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * A user's view, as a table without parameters: its SQL is read with credql's grammar and checked
 * when a query first uses it (Calcite's own view macro would read it with Calcite's default
 * lexical rules, upper-casing unquoted names), then expanded into the query like any view.
 */
final class StoredViewMacro implements TableMacro {
  private final CalciteSchema root;
  private final String name;
  private final String sql;

  StoredViewMacro(CalciteSchema root, String name, String sql) {
    this.root = requireNonNull(root, "root");
    this.name = requireNonNull(name, "name");
    this.sql = requireNonNull(sql, "sql");
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of();
  }

  @Override public TranslatableTable apply(List<? extends @Nullable Object> arguments) {
    final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl();
    final Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    final CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), typeFactory,
        new CalciteConnectionConfigImpl(properties));
    final SqlNode query;
    try {
      query = SqlParser.create(sql, CredqlParserConfig.CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw new IllegalArgumentException("view " + name + " cannot be read: " + e.getMessage(), e);
    }
    // StackQL's functions and rewrites too (split_part, json_each, ...), as in any statement
    final SqlValidator validator = new SqliteValidator(
        SqliteOperatorTable.over(SqlOperatorTables.chain(SqlStdOperatorTable.instance(), reader)), reader,
        typeFactory, SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT)
            .withIdentifierExpansion(true), null);
    final RelDataType rowType = validator.getValidatedNodeType(validator.validate(query));
    return new ViewTable(Object[].class, RelDataTypeImpl.proto(rowType), sql, List.of(), List.of(name));
  }
}
