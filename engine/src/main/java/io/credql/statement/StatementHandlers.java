package io.credql.statement;

import io.credql.session.CredqlSession;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Chooses the handler of a parsed statement, or none when Calcite should run it. */
public final class StatementHandlers {
  private StatementHandlers() {
  }

  public static @Nullable StatementHandler find(SqlNode node, CredqlSession session) {
    return null;
  }
}
