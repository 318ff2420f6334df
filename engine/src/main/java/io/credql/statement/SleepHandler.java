package io.credql.statement;

import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlSleep;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs StackQL's {@code SLEEP milliseconds}: waits, at most the connection's timeout, and stops
 * early when the statement is cancelled or its thread interrupted. The value must be a whole,
 * non-negative number of milliseconds; anything else is refused before waiting.
 */
record SleepHandler(CredqlSession session) implements StatementHandler {
  /** How often a sleep looks at the statement's cancel flag. */
  private static final long SLICE_MILLIS = 50;

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final long millis = milliseconds(((SqlSleep) node).milliseconds());
    final long limit = TimeUnit.SECONDS.toMillis(session.properties().timeoutSeconds());
    if (millis > limit) {
      throw new InvalidInputException("SLEEP " + millis + " is longer than the connection's timeout ("
          + limit + " ms); sleep less, or raise timeout=<seconds>");
    }
    return Signatures.update(context, sql, List.of(), dataContext -> {
      sleep(millis, dataContext);
      return 0L;
    });
  }

  private static long milliseconds(SqlNode value) throws InvalidInputException {
    final String usage = "; SLEEP takes a whole number of milliseconds, as in SLEEP 1000";
    if (value.getKind() == SqlKind.MINUS_PREFIX
        || value instanceof SqlNumericLiteral && ((SqlNumericLiteral) value).signum() < 0) {
      throw new InvalidInputException("SLEEP cannot wait a negative time ('" + value + "')" + usage);
    }
    if (!(value instanceof SqlNumericLiteral)) {
      throw new InvalidInputException("SLEEP needs a number, not '" + value + "'" + usage);
    }
    final BigDecimal number = ((SqlNumericLiteral) value).getValueAs(BigDecimal.class);
    if (number.stripTrailingZeros().scale() > 0
        || number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new InvalidInputException("SLEEP needs a whole number, not '" + value + "'" + usage);
    }
    return number.longValueExact();
  }

  private static void sleep(long millis, DataContext dataContext) {
    final Object flag = dataContext.get(DataContext.Variable.CANCEL_FLAG.camelName);
    final AtomicBoolean cancelled = flag instanceof AtomicBoolean ? (AtomicBoolean) flag : new AtomicBoolean();
    final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; left > 0 && !cancelled.get();
          left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        Thread.sleep(Math.min(left, SLICE_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // SQLSTATE 57014: the statement was cancelled
      throw new CredqlException("SLEEP was interrupted before its " + millis + " ms were up", "57014")
          .unchecked();
    }
  }
}
