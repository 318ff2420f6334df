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

/** Parse tree of StackQL's {@code PURGE [CONSERVATIVE | GLOBAL | name]}: discard cached results. */
public class SqlPurge extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("PURGE", SqlKind.OTHER);

  private final @Nullable String target;

  public SqlPurge(SqlParserPos pos, @Nullable String target) {
    super(pos);
    this.target = target;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  /** What follows PURGE, or null (everything). */
  public @Nullable String target() {
    return target;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("PURGE");
    if (target != null) {
      writer.identifier(target, true);
    }
  }
}
