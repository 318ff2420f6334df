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

/** Parse tree of StackQL's {@code SLEEP milliseconds}; the value is checked when it is prepared. */
public class SqlSleep extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SLEEP", SqlKind.OTHER);

  private final SqlNode milliseconds;

  public SqlSleep(SqlParserPos pos, SqlNode milliseconds) {
    super(pos);
    this.milliseconds = requireNonNull(milliseconds, "milliseconds");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(milliseconds);
  }

  /** The expression written after SLEEP, as written: a number or not. */
  public SqlNode milliseconds() {
    return milliseconds;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SLEEP");
    milliseconds.unparse(writer, 0, 0);
  }
}
