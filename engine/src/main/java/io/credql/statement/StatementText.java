package io.credql.statement;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/** The text a node of a parsed statement was written as, cut from the statement by its position. */
final class StatementText {
  private StatementText() {
  }

  /** The text of {@code node} in {@code sql}; the whole statement if its position is unknown. */
  static String of(String sql, SqlNode node) {
    final SqlParserPos pos = node.getParserPosition();
    final int start = SqlParserUtil.lineColToIndex(sql, pos.getLineNum(), pos.getColumnNum());
    final int end = SqlParserUtil.lineColToIndex(sql, pos.getEndLineNum(), pos.getEndColumnNum());
    final String text = sql.substring(Math.max(0, start), Math.min(sql.length(), end + 1));
    return text.isBlank() ? sql : text;
  }
}
