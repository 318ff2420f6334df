package io.credql.statement;

import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The result of StackQL's {@code EXPLAIN statement}: StackQL's row ({@code query}, {@code result},
 * {@code timestamp}, {@code valid}) once the statement has been planned without running, and
 * credql's {@code plan}, the steps and API calls the statement would make.
 */
public final class ExplainResult {
  /** StackQL's timestamp layout (Go's "2006-01-02T15:04:05-07:00 MST"). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx z");

  private ExplainResult() {
  }

  /**
   * The prepared EXPLAIN: {@code explained} was already planned (an invalid statement fails
   * before this); {@code plan} gives its plan when the EXPLAIN is executed, sending nothing.
   */
  public static <T> CalcitePrepare.CalciteSignature<T> signature(CalcitePrepare.Context context,
      String sql, String explained, Function<DataContext, String> plan) {
    final List<ResultColumn> columns = List.of(ResultColumn.varchar("query"),
        ResultColumn.varchar("result"), ResultColumn.varchar("timestamp"),
        new ResultColumn("valid", SqlTypeName.BOOLEAN), ResultColumn.varchar("plan"));
    return Signatures.query(context, sql, columns, List.of(), dataContext ->
        List.<Object[]>of(new Object[] {explained, "OK", ZonedDateTime.now().format(TIMESTAMP), true,
            plan.apply(dataContext)}));
  }
}
