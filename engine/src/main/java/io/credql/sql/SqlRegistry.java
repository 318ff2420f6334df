package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parse tree of StackQL's {@code REGISTRY LIST [provider]} and {@code REGISTRY PULL provider [version]}. */
public class SqlRegistry extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("REGISTRY", SqlKind.OTHER);

  /** What a REGISTRY statement does. */
  public enum Action { LIST, PULL }

  private final Action action;
  private final @Nullable String provider;
  private final @Nullable String version;

  public SqlRegistry(SqlParserPos pos, Action action, @Nullable String provider,
      @Nullable String version) {
    super(pos);
    this.action = requireNonNull(action, "action");
    if (action == Action.PULL) {
      requireNonNull(provider, "provider");
    }
    this.provider = provider;
    this.version = version;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  public Action action() {
    return action;
  }

  /** The provider named, or null ({@code REGISTRY LIST} of every provider). */
  public @Nullable String provider() {
    return provider;
  }

  /** The version named, or null (the newest the registry publishes). */
  public @Nullable String version() {
    return version;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("REGISTRY");
    writer.keyword(action.name());
    if (provider != null) {
      writer.identifier(provider, true);
    }
    if (version != null) {
      writer.literal("'" + version.replace("'", "''") + "'");
    }
  }
}
