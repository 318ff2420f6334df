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

/** Parse tree of StackQL's {@code USE provider}: the provider later names may leave out. */
public class SqlUse extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("USE", SqlKind.OTHER);

  private final SqlIdentifier provider;

  public SqlUse(SqlParserPos pos, SqlIdentifier provider) {
    super(pos);
    this.provider = requireNonNull(provider, "provider");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(provider);
  }

  public SqlIdentifier provider() {
    return provider;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("USE");
    provider.unparse(writer, 0, 0);
  }
}
