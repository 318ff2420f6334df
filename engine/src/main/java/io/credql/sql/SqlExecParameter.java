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
 * Parse tree of one EXEC argument: {@code @name = value}, or the request body {@code @@json = '...'}.
 * The name keeps the case it was written in.
 */
public class SqlExecParameter extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("EXEC PARAMETER", SqlKind.OTHER);

  private static final String QUOTE = "\"";

  private final String name;
  private final boolean payload;
  private final SqlNode value;

  public SqlExecParameter(SqlParserPos pos, String name, boolean payload, SqlNode value) {
    super(pos);
    this.name = requireNonNull(name, "name");
    this.payload = payload;
    this.value = requireNonNull(value, "value");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(value);
  }

  /** The name in a token {@code @name}, {@code @@name}, {@code @"name"} or {@code @@"name"} (a doubled quote inside is one). */
  public static String nameOf(String token) {
    final String name = token.substring(token.startsWith("@@") ? 2 : 1);
    if (name.length() < 2 || name.charAt(0) != '"') {
      return name;
    }
    return name.substring(1, name.length() - 1).replace(QUOTE + QUOTE, QUOTE);
  }

  public String name() {
    return name;
  }

  /** Whether this is the {@code @@} request body rather than a named parameter. */
  public boolean isPayload() {
    return payload;
  }

  public SqlNode value() {
    return value;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    final boolean plain = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$');
    writer.print((payload ? "@@" : "@") + (plain ? name : QUOTE + name.replace(QUOTE, QUOTE + QUOTE) + QUOTE)
        + " = ");
    value.unparse(writer, 0, 0);
  }
}
