package io.credql.statement;

import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlAuth;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;

import static java.util.Objects.requireNonNull;

/**
 * Answers StackQL's legacy {@code AUTH LOGIN} and {@code AUTH REVOKE} (Google's interactive login
 * in old StackQL): credql keeps no logins, it reads each provider's credentials from the
 * environment variables its auth configuration names, so both are refused with what to do instead.
 */
final class AuthHandler implements StatementHandler {
  private final CredqlSession session;

  AuthHandler(CredqlSession session) {
    this.session = requireNonNull(session, "session");
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlAuth auth = (SqlAuth) node;
    final ProviderDocument provider = ObjectNames.provider(session, auth.provider().toString());
    final String show = "SHOW AUTH " + provider.name() + " shows which variables and whether they are set";
    if (auth.action() == SqlAuth.Action.LOGIN) {
      throw new InvalidInputException("credql does not log in: " + provider.name() + " authenticates with"
          + " the environment variables its auth configuration names (" + show + "); set them, or name"
          + " others with auth=<json>");
    }
    throw new InvalidInputException("credql keeps no login to revoke: " + provider.name() + "'s credentials"
        + " come from environment variables (" + show + "); unset them to stop using them");
  }
}
