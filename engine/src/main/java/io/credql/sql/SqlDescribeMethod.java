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

/** Parse tree of StackQL's {@code DESCRIBE METHOD [EXTENDED] provider.service.resource.method}. */
public class SqlDescribeMethod extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DESCRIBE METHOD", SqlKind.OTHER);

  private final boolean extended;
  private final SqlIdentifier method;

  public SqlDescribeMethod(SqlParserPos pos, boolean extended, SqlIdentifier method) {
    super(pos);
    this.extended = extended;
    this.method = requireNonNull(method, "method");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(method);
  }

  public boolean isExtended() {
    return extended;
  }

  public SqlIdentifier method() {
    return method;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE METHOD");
    if (extended) {
      writer.keyword("EXTENDED");
    }
    method.unparse(writer, 0, 0);
  }
}
