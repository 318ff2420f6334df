package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.call.ProviderClient;
import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlAuth;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Answers StackQL's legacy {@code AUTH LOGIN provider [INTERACTIVE | SERVICEACCOUNT | SA]
 * ['keyfile' ['envvar']]} and {@code AUTH REVOKE provider} (Google's login in old StackQL, which
 * keeps the login for the session). credql keeps no logins: each call reads the provider's
 * credentials from the environment variables its auth configuration names, and a connection names
 * others with its {@code auth=} property, fixed when it opens, so that a statement (one sent to a
 * team server, say) cannot make credql send one variable's secret to another provider. Both are
 * refused with the step that gives the same result: the variables to set, or the exact
 * {@code auth=} that reads the variable or key the statement named.
 */
record AuthHandler(CredqlSession session) implements StatementHandler {
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlAuth auth = (SqlAuth) node;
    final ProviderDocument provider = ObjectNames.provider(session, auth.provider().toString());
    final JsonNode config = ProviderClient.authConfig(session, provider);
    final String show = "SHOW AUTH " + provider.name() + " shows what it reads and whether it is set";
    if (config == null || config.path("type").asText().equals("null_auth")) {
      throw new InvalidInputException("credql keeps no logins, and " + provider.name()
          + " takes no credentials: its calls need no AUTH (" + show + ")");
    }
    final String scheme = auth.scheme() == null ? "SERVICEACCOUNT"
        : requireNonNull(auth.scheme(), "scheme").toUpperCase(Locale.ROOT);
    if (!List.of("INTERACTIVE", "SERVICEACCOUNT", "SA").contains(scheme)) {
      throw new InvalidInputException("AUTH " + auth.action() + " " + provider.name() + ": unknown"
          + " login type " + auth.scheme() + "; StackQL's are INTERACTIVE, SERVICEACCOUNT and SA");
    }
    final String type = config.path("type").asText();
    final List<String> variables = ProviderClient.credentialVariables(config);
    final String reads = variables.isEmpty() ? "its auth configuration"
        : "the environment variable" + (variables.size() > 1 ? "s " : " ") + String.join(", ", variables);
    if (auth.action() == SqlAuth.Action.REVOKE) {
      throw new InvalidInputException("credql keeps no login to revoke: " + provider.name()
          + "'s credentials are read from " + reads + " on each call; unset "
          + (variables.size() > 1 ? "them" : "it") + " (or reconnect without auth=) to stop using them ("
          + show + ")");
    }
    throw new InvalidInputException("credql does not log in (StackQL's AUTH LOGIN keeps a login for"
        + " the session; credql reads " + provider.name() + "'s credentials from " + reads
        + " on each call): " + instead(auth, scheme, provider, type, variables) + " (" + show + ")");
  }

  /** What gives the login the statement asked for. */
  private static String instead(SqlAuth auth, String scheme, ProviderDocument provider,
      String type, List<String> variables) {
    final String envVar = nonEmpty(auth.envVar());
    final String keyFile = nonEmpty(auth.keyFile());
    final String first = variables.isEmpty() ? "the variable" : variables.get(0);
    if (envVar != null) {
      return "to read the credential from " + envVar + ", connect with the property auth={\""
          + provider.name() + "\": {\"type\": \"" + type + "\", \"credentialsenvvar\": \""
          + envVar + "\"}} (in the shell: --property 'auth=...')";
    }
    if (keyFile != null) {
      return "to use the key file " + keyFile + ", put its content in " + first
          + " in the environment credql runs in (export " + first + "=\"$(cat " + keyFile + ")\")";
    }
    final String set = "set " + String.join(", ", variables.isEmpty() ? List.of(first) : variables)
        + " in the environment credql runs in";
    if (scheme.equals("INTERACTIVE")) {
      return "there is no interactive login (StackQL's runs gcloud); " + set;
    }
    return set + ", or name other variables with the connection property auth=<json>";
  }

  private static @Nullable String nonEmpty(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
