package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Parse tree of one of StackQL's mutations, {@code INSERT}, {@code UPDATE}, {@code REPLACE} or
 * {@code DELETE}, with the hints written after its first word and its {@code RETURNING} columns.
 * The statement itself is Calcite's {@link SqlInsert}, {@link SqlUpdate} (also for REPLACE) or
 * {@link SqlDelete}.
 */
public class SqlMutation extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("MUTATION", SqlKind.OTHER);

  /** The statement's verb, which names the {@code sqlVerbs} entry of the resource it calls. */
  public enum Verb { INSERT, UPDATE, REPLACE, DELETE }

  private final Verb verb;
  private final SqlNodeList hints;
  private final SqlCall statement;
  private final @Nullable SqlNodeList returning;

  public SqlMutation(SqlParserPos pos, Verb verb, SqlNodeList hints, SqlNode statement,
      @Nullable SqlNodeList returning) {
    super(pos);
    this.verb = requireNonNull(verb, "verb");
    this.hints = requireNonNull(hints, "hints");
    this.statement = (SqlCall) requireNonNull(statement, "statement");
    this.returning = returning;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<@Nullable SqlNode> getOperandList() {
    return Arrays.asList(hints, statement, returning);
  }

  public Verb verb() {
    return verb;
  }

  /** Calcite's INSERT, UPDATE or DELETE; REPLACE is an UPDATE. */
  public SqlCall statement() {
    return statement;
  }

  /** The RETURNING columns ({@code *} as a star identifier), or null when there is no RETURNING. */
  public @Nullable SqlNodeList returning() {
    return returning;
  }

  /** Upper-cased names of the hints, e.g. {@code AWAIT}. */
  public List<String> hintNames() {
    return SqlHints.names(hints);
  }

  /** The resource the statement changes, as written. */
  public SqlIdentifier target() {
    final SqlNode table = statement instanceof SqlInsert ? ((SqlInsert) statement).getTargetTable()
        : statement instanceof SqlUpdate ? ((SqlUpdate) statement).getTargetTable()
        : ((SqlDelete) statement).getTargetTable();
    return (SqlIdentifier) table;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (verb == Verb.REPLACE) {
      // Calcite writes UPDATE; the words after it are the same.
      final SqlUpdate update = (SqlUpdate) statement;
      writer.keyword("REPLACE");
      update.getTargetTable().unparse(writer, 0, 0);
      writer.keyword("SET");
      final SqlWriter.Frame frame = writer.startList("", "");
      for (int i = 0; i < update.getTargetColumnList().size(); i++) {
        writer.sep(",");
        update.getTargetColumnList().get(i).unparse(writer, 0, 0);
        writer.keyword("=");
        update.getSourceExpressionList().get(i).unparse(writer, 0, 0);
      }
      writer.endList(frame);
      if (update.getCondition() != null) {
        writer.keyword("WHERE");
        update.getCondition().unparse(writer, 0, 0);
      }
    } else {
      statement.unparse(writer, leftPrec, rightPrec);
    }
    if (returning != null) {
      writer.keyword("RETURNING");
      final SqlWriter.Frame frame = writer.startList("", "");
      for (SqlNode column : returning) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
  }
}
