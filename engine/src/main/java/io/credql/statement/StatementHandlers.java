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

import static java.util.Objects.requireNonNull;

/**
 * Chooses the handler of a parsed statement, or none when Calcite should run it. The handlers that
 * need only the session are records of it, checked here, the one place that makes them.
 */
public final class StatementHandlers {
  private StatementHandlers() {
  }

  /**
   * The handler that lists, without sending anything, the requests a statement that calls a
   * provider (EXEC, INSERT, UPDATE, REPLACE, DELETE) would make: one row per request, with the
   * columns {@code method}, {@code url}, {@code body} and {@code headers}, secrets masked as in a
   * dry run. None for any other statement.
   */
  public static @Nullable StatementHandler findExplaining(SqlNode node, CredqlSession session) {
    if (node instanceof SqlExec) {
      return new ExecHandler(session, CallRunner.explaining(session));
    }
    return DmlHandler.accepts(node, session)
        ? new DmlHandler(session, CallRunner.explaining(session)) : null;
  }

  public static @Nullable StatementHandler find(SqlNode node, CredqlSession session) {
    requireNonNull(session, "session");
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
