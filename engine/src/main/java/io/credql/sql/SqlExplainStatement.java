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

/**
 * Parse tree of StackQL's {@code EXPLAIN statement} (any statement, without Calcite's
 * {@code PLAN FOR}): the statement is planned and checked, never run.
 */
public class SqlExplainStatement extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);

  private final SqlNode statement;

  public SqlExplainStatement(SqlParserPos pos, SqlNode statement) {
    super(pos);
    this.statement = requireNonNull(statement, "statement");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(statement);
  }

  public SqlNode statement() {
    return statement;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPLAIN");
    statement.unparse(writer, 0, 0);
  }
}
