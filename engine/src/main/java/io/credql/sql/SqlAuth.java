package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parse tree of StackQL's legacy {@code AUTH LOGIN provider ...} and {@code AUTH REVOKE provider}. */
public class SqlAuth extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("AUTH", SqlKind.OTHER);

  /** What an AUTH statement asks for. */
  public enum Action { LOGIN, REVOKE }

  private final Action action;
  private final SqlIdentifier provider;
  private final @Nullable String scheme;
  private final @Nullable String keyFile;
  private final @Nullable String envVar;

  /**
   * {@code AUTH action provider [scheme] ['keyFile' ['envVar']]}: StackQL's scheme is
   * INTERACTIVE, SERVICEACCOUNT or SA, its key file a path, its envvar a variable's name.
   */
  public SqlAuth(SqlParserPos pos, Action action, SqlIdentifier provider, @Nullable String scheme,
      @Nullable String keyFile, @Nullable String envVar) {
    super(pos);
    this.action = requireNonNull(action, "action");
    this.provider = requireNonNull(provider, "provider");
    this.scheme = scheme;
    this.keyFile = keyFile;
    this.envVar = envVar;
  }

  /**
   * The statement with StackQL's {@code 'keyfile' 'envvar'}, which Calcite's lexer reads as one
   * chained literal of at most two parts (null when neither was given).
   */
  public static SqlAuth of(SqlParserPos pos, Action action, SqlIdentifier provider,
      @Nullable String scheme, @Nullable SqlNode strings) {
    final List<SqlNode> parts = strings == null ? List.of()
        : strings.getKind() == SqlKind.LITERAL_CHAIN ? ((SqlCall) strings).getOperandList()
        : List.of(strings);
    return new SqlAuth(pos, action, provider, scheme,
        parts.isEmpty() ? null : text(parts.get(0)), parts.size() < 2 ? null : text(parts.get(1)));
  }

  private static @Nullable String text(SqlNode literal) {
    return ((SqlLiteral) literal).getValueAs(String.class);
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

  public @Nullable String scheme() {
    return scheme;
  }

  /** The key file's path; null or empty when none was given. */
  public @Nullable String keyFile() {
    return keyFile;
  }

  /** The environment variable's name; null or empty when none was given. */
  public @Nullable String envVar() {
    return envVar;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("AUTH");
    writer.keyword(action.name());
    provider.unparse(writer, 0, 0);
    if (scheme != null) {
      writer.keyword(scheme);
    }
    for (String text : new String[] {keyFile, envVar}) {
      if (text != null) {
        SqlLiteral.createCharString(text, SqlParserPos.ZERO).unparse(writer, 0, 0);
      }
    }
  }
}
