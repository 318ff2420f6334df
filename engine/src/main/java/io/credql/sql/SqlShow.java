package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Parse tree of StackQL's
 * {@code SHOW [EXTENDED] PROVIDERS|SERVICES|RESOURCES|METHODS|VERSION [IN name] [LIKE 'pattern' | WHERE condition]}.
 */
public class SqlShow extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

  /** What a SHOW statement lists. */
  public enum Target { PROVIDERS, SERVICES, RESOURCES, METHODS, INSERT, VERSION, AUTH }

  private final boolean extended;
  private final Target target;
  private final SqlNodeList hints;
  private final @Nullable SqlIdentifier scope;
  private final @Nullable SqlNodeList columns;
  private final @Nullable SqlNode like;
  private final @Nullable SqlNode where;

  public SqlShow(SqlParserPos pos, boolean extended, Target target, @Nullable SqlIdentifier scope,
      @Nullable SqlNode like, @Nullable SqlNode where) {
    this(pos, extended, target, SqlNodeList.EMPTY, scope, null, like, where);
  }

  public SqlShow(SqlParserPos pos, boolean extended, Target target, SqlNodeList hints,
      @Nullable SqlIdentifier scope, @Nullable SqlNodeList columns, @Nullable SqlNode like,
      @Nullable SqlNode where) {
    super(pos);
    this.extended = extended;
    this.target = requireNonNull(target, "target");
    this.hints = requireNonNull(hints, "hints");
    this.scope = scope;
    this.columns = columns;
    this.like = like;
    this.where = where;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<@Nullable SqlNode> getOperandList() {
    return Arrays.asList(scope, like, where);
  }

  public boolean isExtended() {
    return extended;
  }

  public Target target() {
    return target;
  }

  /** Upper-cased names of the hints of SHOW INSERT, e.g. {@code REQUIRED}. */
  public List<String> hintNames() {
    return SqlHints.names(hints);
  }

  /** The columns SHOW INSERT INTO r (a, b) names, or null. */
  public @Nullable SqlNodeList columns() {
    return columns;
  }

  /** The provider, service or resource after IN (the resource after INTO), or null. */
  public @Nullable SqlIdentifier scope() {
    return scope;
  }

  /** The LIKE pattern, or null. */
  public @Nullable String likePattern() {
    return like == null ? null : SqlLiteral.unchain(like).getValueAs(String.class);
  }

  /** The WHERE condition, or null. */
  public @Nullable SqlNode where() {
    return where;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW");
    if (extended) {
      writer.keyword("EXTENDED");
    }
    writer.keyword(target.name());
    if (scope != null) {
      writer.keyword(target == Target.INSERT ? "INTO" : "IN");
      scope.unparse(writer, 0, 0);
    }
    if (like != null) {
      writer.keyword("LIKE");
      like.unparse(writer, 0, 0);
    }
    if (where != null) {
      writer.keyword("WHERE");
      where.unparse(writer, 0, 0);
    }
  }
}
