package io.credql.statement;

import io.credql.session.CredqlSession;
import io.credql.sql.SqlAuth;
import io.credql.sql.SqlDescribeMethod;
import io.credql.sql.SqlDescribeResource;
import io.credql.sql.SqlExec;
import io.credql.sql.SqlRegistry;
import io.credql.sql.SqlPurge;
import io.credql.sql.SqlShow;
import io.credql.sql.SqlSleep;
import io.credql.sql.SqlUse;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Chooses the handler of a parsed statement, or none when Calcite should run it. */
public final class StatementHandlers {
  private StatementHandlers() {
  }

  public static @Nullable StatementHandler find(SqlNode node, CredqlSession session) {
    if (node instanceof SqlExec) {
      return new ExecHandler(session);
    }
    if (node instanceof SqlShow) {
      return new ShowHandler(session);
    }
    if (node instanceof SqlRegistry) {
      return new RegistryHandler(session);
    }
    if (node instanceof SqlDescribeResource || node instanceof SqlDescribeMethod) {
      return new DescribeHandler(session);
    }
    if (node instanceof SqlUse) {
      return new UseHandler(session);
    }
    if (node instanceof SqlSleep) {
      return new SleepHandler(session);
    }
    if (node instanceof SqlAuth) {
      return new AuthHandler(session);
    }
    if (node instanceof SqlPurge) {
      return new PurgeHandler();
    }
    if (ViewHandler.accepts(node)) {
      return new ViewHandler(session);
    }
    return DmlHandler.accepts(node, session) ? new DmlHandler(session) : null;
  }
}
