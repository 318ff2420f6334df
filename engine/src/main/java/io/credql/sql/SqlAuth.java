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

/** Parse tree of StackQL's legacy {@code AUTH LOGIN provider ...} and {@code AUTH REVOKE provider}. */
public class SqlAuth extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("AUTH", SqlKind.OTHER);

  /** What an AUTH statement asks for. */
  public enum Action { LOGIN, REVOKE }

  private final Action action;
  private final SqlIdentifier provider;

  public SqlAuth(SqlParserPos pos, Action action, SqlIdentifier provider) {
    super(pos);
    this.action = requireNonNull(action, "action");
    this.provider = requireNonNull(provider, "provider");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(provider);
  }

  public Action action() {
    return action;
  }

  public SqlIdentifier provider() {
    return provider;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("AUTH");
    writer.keyword(action.name());
    provider.unparse(writer, 0, 0);
  }
}
