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
   * The plan of a statement that calls a provider, from the rows of its explaining handler
   * ({@link StatementHandlers#findExplaining}): each request it would send, with the names of its
   * headers and its body, secrets masked as a dry run masks them.
   */
  public static String requests(Iterable<Object> rows) {
    final StringBuilder plan = new StringBuilder();
    for (Object row : rows) {
      final Object[] request = (Object[]) row;
      plan.append(request[0]).append(' ').append(request[1]).append('\n');
      final String headers = String.valueOf(request[3]);
      plan.append("  headers: ").append(headers.isEmpty() ? "none" : headers)
          .append(" (and the provider's credentials, if it takes any, when sent)\n");
      if (request[2] != null) {
        plan.append("  body: ").append(request[2]).append('\n');
      }
    }
    return plan.length() == 0 ? "no request: the statement calls nothing"
        : plan + "nothing was sent";
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
