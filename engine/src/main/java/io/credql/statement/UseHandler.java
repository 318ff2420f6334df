package io.credql.statement;

import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlUse;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;

import java.sql.SQLException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs StackQL's {@code USE provider}: the provider becomes the connection's schema (what JDBC's
 * {@code Connection.getSchema()} answers), so later statements may write {@code service.resource}.
 * An unknown provider is refused when the statement is prepared.
 */
record UseHandler(CredqlSession session) implements StatementHandler {
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlUse use = (SqlUse) node;
    if (!use.provider().isSimple()) {
      throw new InvalidInputException("USE takes a provider name, as in USE linode; not '"
          + use.provider() + "'");
    }
    final ProviderDocument provider = ObjectNames.provider(session, use.provider().getSimple());
    return Signatures.update(context, sql, List.of(), dataContext -> {
      try {
        // the data context's query provider is the connection the statement runs on
        ((CalciteConnection) requireNonNull(dataContext.getQueryProvider(), "connection"))
            .setSchema(provider.name());
      } catch (SQLException e) {
        throw new IllegalStateException("USE " + provider.name() + " failed: " + e.getMessage(), e);
      }
      return 0L;
    });
  }
}
