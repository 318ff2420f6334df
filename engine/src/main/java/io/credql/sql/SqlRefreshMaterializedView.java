package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parse tree of {@code REFRESH MATERIALIZED VIEW name}: run the view's query again and keep its rows. */
public class SqlRefreshMaterializedView extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("REFRESH MATERIALIZED VIEW", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;

  public SqlRefreshMaterializedView(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = requireNonNull(name, "name");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  public SqlIdentifier name() {
    return name;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("REFRESH MATERIALIZED VIEW");
    name.unparse(writer, 0, 0);
  }
}
