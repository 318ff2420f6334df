package io.credql.statement;

import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.sql.SqlPurge;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs StackQL's {@code PURGE [CONSERVATIVE | GLOBAL]}. StackQL purges the API responses it keeps
 * in its SQL backend between statements; credql keeps none (every query calls the API, and
 * materialized views are the user's own objects, dropped with DROP MATERIALIZED VIEW), so PURGE
 * succeeds and says there was nothing to purge.
 */
final class PurgeHandler implements StatementHandler {
  /** StackQL's purge kinds (its parser's PURGE [CONSERVATIVE | GLOBAL]). */
  private static final Set<String> TARGETS = Set.of("CONSERVATIVE", "GLOBAL");

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final String target = ((SqlPurge) node).target();
    if (target != null && !TARGETS.contains(target.toUpperCase(Locale.ROOT))) {
      throw new InvalidInputException("PURGE takes CONSERVATIVE or GLOBAL, not '" + target
          + "'; to drop a materialized view, DROP MATERIALIZED VIEW " + target);
    }
    return Signatures.query(context, sql, List.of(ResultColumn.varchar("message")), List.of(),
        dataContext -> List.<Object[]>of(new Object[] {
            "nothing to purge: credql keeps no cached API responses between statements"}));
  }
}
