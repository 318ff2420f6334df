package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.call.auth.OAuth2ClientCredentials;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Databricks workspace authentication, {@code config.auth.type: databricks}: OAuth
 * machine-to-machine when both client variables are set, otherwise a personal access token, each
 * sent as {@code Authorization: Bearer}.
 *
 * <p>OAuth asks the workspace of the request being authenticated (its scheme, host and port) for
 * a token at {@code /oidc/v1/token} with the engine's {@link OAuth2ClientCredentials} (scope
 * {@code all-apis}): kept for this connection, one per workspace, fetched again before it expires,
 * so one token request serves every call in between.
 *
 * <p>When a personal access token and client credentials are both set, the client credentials
 * win: they name a service principal explicitly, their tokens live an hour, and the sandbox's demo
 * client credentials must win over a user's real {@code DATABRICKS_TOKEN} (which is then never
 * read, so never sent to a simulator). Databricks' own SDKs refuse that combination instead.
 */
public final class DatabricksAuthScheme implements AuthScheme {
  /** Where a workspace issues OAuth tokens. */
  static final String TOKEN_PATH = "/oidc/v1/token";
  /** How long before its expiry a token is replaced (at most half its lifetime). */
  static final Duration REFRESH_MARGIN = OAuth2ClientCredentials.REFRESH_MARGIN;

  private final AuthContext context;
  private final @Nullable String tokenVariable;
  private final @Nullable String clientIdVariable;
  private final @Nullable String clientSecretVariable;
  private final OAuth2ClientCredentials tokens;

  DatabricksAuthScheme(AuthContext context, @Nullable String tokenVariable,
      @Nullable String clientIdVariable, @Nullable String clientSecretVariable, String scope,
      Clock clock) {
    this.context = requireNonNull(context, "context");
    this.tokenVariable = tokenVariable;
    this.clientIdVariable = clientIdVariable;
    this.clientSecretVariable = clientSecretVariable;
    this.tokens = new OAuth2ClientCredentials(context, scope, clock,
        clientIdVariable + " and " + clientSecretVariable);
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String clientId = clientIdVariable == null ? null : context.getenv(clientIdVariable);
    final String clientSecret = clientSecretVariable == null ? null : context.getenv(clientSecretVariable);
    final String token = tokenVariable == null ? null : context.getenv(tokenVariable);
    final String bearer;
    if (clientId != null && clientSecret != null) {
      bearer = accessToken(request.url(), clientId,
          context.requireSecret(requireNonNull(clientSecretVariable, "clientSecretVariable")));
    } else if (token != null) {
      bearer = context.requireSecret(requireNonNull(tokenVariable, "tokenVariable"));
    } else if (clientId != null) {
      // half of a client-credentials pair: the engine's error names the missing variable
      bearer = context.requireSecret(requireNonNull(clientSecretVariable, "clientSecretVariable"));
    } else if (clientSecret != null && clientIdVariable != null) {
      bearer = context.requireSecret(clientIdVariable);
    } else {
      throw missingCredentials();
    }
    return request.newBuilder().header("Authorization", "Bearer " + bearer).build();
  }

  private MissingCredentialException missingCredentials() {
    final List<String> ways = new ArrayList<>();
    if (tokenVariable != null) {
      ways.add(tokenVariable + " (a personal access token)");
    }
    if (clientIdVariable != null && clientSecretVariable != null) {
      ways.add(clientIdVariable + " and " + clientSecretVariable
          + " (a service principal's OAuth client credentials)");
    }
    return new MissingCredentialException("no credentials for " + context.providerName()
        + ": set " + String.join(", or ", ways) + "; none of these environment variables is set,"
        + " so nothing was sent");
  }

  /** The OAuth token for the workspace of {@code url}, asked at {@code <workspace>/oidc/v1/token}. */
  private String accessToken(HttpUrl url, String clientId, String clientSecret) throws CredqlException {
    final HttpUrl tokenUrl = new HttpUrl.Builder().scheme(url.scheme()).host(url.host())
        .port(url.port()).encodedPath(TOKEN_PATH).build();
    return tokens.accessToken(tokenUrl, clientId, clientSecret);
  }

  /**
   * Factory of {@code type: databricks}. Its settings name environment variables:
   * {@code token_env_var} (a personal access token), {@code client_id_env_var} and
   * {@code client_secret_env_var} (OAuth client credentials), at least one way; {@code scopes}
   * defaults to {@code all-apis}.
   */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "databricks";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      return create(config, context, Clock.systemUTC());
    }

    static DatabricksAuthScheme create(JsonNode config, AuthContext context, Clock clock)
        throws CredqlException {
      final String token = variable(config, "token_env_var");
      final String clientId = variable(config, "client_id_env_var");
      final String clientSecret = variable(config, "client_secret_env_var");
      if ((clientId == null) != (clientSecret == null)) {
        throw new InvalidInputException("auth of " + context.providerName()
            + ": client_id_env_var and client_secret_env_var go together");
      }
      if (token == null && clientId == null) {
        throw new InvalidInputException("auth of " + context.providerName() + ": databricks auth needs"
            + " token_env_var, or client_id_env_var and client_secret_env_var, naming environment"
            + " variables");
      }
      final JsonNode scopes = config.get("scopes");
      final List<String> scopeList = new ArrayList<>();
      if (scopes != null && scopes.isArray()) {
        scopes.forEach(s -> scopeList.add(s.asText()));
      } else if (scopes != null && scopes.isTextual()) {
        scopeList.add(scopes.asText());
      }
      final String scope = scopeList.isEmpty() ? "all-apis" : String.join(" ", scopeList);
      return new DatabricksAuthScheme(context, token, clientId, clientSecret, scope, clock);
    }

    private static @Nullable String variable(JsonNode config, String key) {
      final JsonNode value = config.get(key);
      return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }
  }
}
