package io.credql.statement;

import io.credql.error.CredqlException;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;

/** Prepares one kind of statement that credql runs itself. */
public interface StatementHandler {
  <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context, String sql,
      SqlNode node) throws CredqlException;
}
