package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parse tree of StackQL's {@code NATIVEQUERY 'sql'}: SQL given as a string, run as it is written. */
public class SqlNativeQuery extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("NATIVEQUERY", SqlKind.OTHER);

  private final String query;

  public SqlNativeQuery(SqlParserPos pos, String query) {
    super(pos);
    this.query = requireNonNull(query, "query");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  /** The SQL inside the quotes, with doubled quotes undone. */
  public String query() {
    return query;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("NATIVEQUERY");
    writer.literal("'" + query.replace("'", "''") + "'");
  }
}
