package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Databricks workspace authentication, {@code config.auth.type: databricks}: OAuth
 * machine-to-machine when both client variables are set, otherwise a personal access token, each
 * sent as {@code Authorization: Bearer}.
 *
 * <p>OAuth asks the workspace of the request being authenticated (its scheme, host and port) for
 * a token at {@code /oidc/v1/token}: HTTP Basic {@code client_id:client_secret}, form body
 * {@code grant_type=client_credentials&scope=all-apis}. The token is kept for this connection, one
 * per workspace, and fetched again {@link #REFRESH_MARGIN} before it expires, so one token request
 * serves every call in between.
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
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
  /** The lifetime Databricks documents, assumed when a token response gives no {@code expires_in}. */
  private static final long DEFAULT_LIFETIME_SECONDS = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthContext context;
  private final @Nullable String tokenVariable;
  private final @Nullable String clientIdVariable;
  private final @Nullable String clientSecretVariable;
  private final String scope;
  private final Clock clock;
  private final Map<String, WorkspaceToken> tokens = new ConcurrentHashMap<>();

  DatabricksAuthScheme(AuthContext context, @Nullable String tokenVariable,
      @Nullable String clientIdVariable, @Nullable String clientSecretVariable, String scope,
      Clock clock) {
    this.context = requireNonNull(context, "context");
    this.tokenVariable = tokenVariable;
    this.clientIdVariable = clientIdVariable;
    this.clientSecretVariable = clientSecretVariable;
    this.scope = requireNonNull(scope, "scope");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String clientId = clientIdVariable == null ? null : context.getenv(clientIdVariable);
    final String clientSecret = clientSecretVariable == null ? null : context.getenv(clientSecretVariable);
    final String token = tokenVariable == null ? null : context.getenv(tokenVariable);
    final String bearer;
    if (clientId != null && clientSecret != null) {
      bearer = accessToken(request.url(), clientId, context.requireSecret(clientSecretVariable));
    } else if (token != null) {
      bearer = context.requireSecret(tokenVariable);
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

  /** The OAuth token for the workspace of {@code url}: the one held, or a new one. */
  private String accessToken(HttpUrl url, String clientId, String clientSecret) throws CredqlException {
    final HttpUrl tokenUrl = new HttpUrl.Builder().scheme(url.scheme()).host(url.host())
        .port(url.port()).encodedPath(TOKEN_PATH).build();
    final WorkspaceToken holder = tokens.computeIfAbsent(tokenUrl + " " + clientId,
        key -> new WorkspaceToken());
    return holder.current(tokenUrl, clientId, clientSecret);
  }

  /** One workspace's token; requests for it wait while it is fetched, so it is fetched once. */
  private final class WorkspaceToken {
    private @Nullable String value;
    private Instant refreshAt = Instant.MIN;

    synchronized String current(HttpUrl tokenUrl, String clientId, String clientSecret)
        throws CredqlException {
      if (value == null || !clock.instant().isBefore(refreshAt)) {
        final Instant requested = clock.instant();
        final JsonNode response = requestToken(tokenUrl, clientId, clientSecret);
        final String accessToken = response.path("access_token").asText("");
        if (accessToken.isEmpty()) {
          throw new ProviderResponseException(context.providerName() + ": the OAuth token endpoint "
              + tokenUrl + " answered without an access_token; nothing else was sent");
        }
        context.registerSecret(accessToken);
        final long lifetime = response.path("expires_in").canConvertToLong()
            && response.path("expires_in").asLong() > 0
            ? response.path("expires_in").asLong() : DEFAULT_LIFETIME_SECONDS;
        final long margin = Math.min(REFRESH_MARGIN.getSeconds(), lifetime / 2);
        value = accessToken;
        refreshAt = requested.plusSeconds(lifetime - margin);
      }
      return value;
    }
  }

  private JsonNode requestToken(HttpUrl tokenUrl, String clientId, String clientSecret)
      throws CredqlException {
    final Request request = new Request.Builder().url(tokenUrl)
        .header("Authorization", Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8))
        .header("Accept", "application/json")
        .post(new FormBody.Builder().add("grant_type", "client_credentials").add("scope", scope).build())
        .build();
    final int status;
    final String body;
    try (Response response = context.httpClient().newCall(request).execute()) {
      status = response.code();
      final ResponseBody responseBody = response.body();
      body = responseBody == null ? "" : responseBody.string();
    } catch (IOException e) {
      throw new ProviderUnreachableException(context.providerName() + ": cannot get an OAuth token from "
          + tokenUrl + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); nothing else was sent", e);
    }
    JsonNode tree = null;
    try {
      tree = body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      // an error page that is not JSON: reported by status below
    }
    if (status / 100 == 2 && tree != null && tree.isObject()) {
      return tree;
    }
    if (status / 100 == 2) {
      throw new ProviderResponseException(context.providerName() + ": the OAuth token endpoint "
          + tokenUrl + " answered HTTP " + status + " without a JSON token; nothing else was sent");
    }
    throw tokenRefused(tokenUrl, status, tree);
  }

  /** A token endpoint's refusal ({@code {error, error_description}} in RFC 6749, or Databricks' shapes). */
  private ProviderErrorException tokenRefused(HttpUrl tokenUrl, int status, @Nullable JsonNode body) {
    final String code = first(body, "error", "errorCode", "error_code");
    final String description = first(body, "error_description", "errorSummary", "message");
    final String providerMessage = description != null ? description
        : code != null ? code : "no error description";
    final StringBuilder message = new StringBuilder(context.providerName())
        .append(": the OAuth token endpoint ").append(tokenUrl).append(" refused the client credentials: HTTP ")
        .append(status).append(' ');
    if (code != null) {
      message.append('[').append(code).append("] ");
    }
    message.append(providerMessage);
    if (status == 400 || status == 401 || status == 403) {
      message.append(". Check ").append(clientIdVariable).append(" and ").append(clientSecretVariable);
    }
    message.append("; nothing else was sent");
    return new ProviderErrorException(context.providerName() + ".oidc.token", status, code,
        providerMessage, message.toString());
  }

  private static @Nullable String first(@Nullable JsonNode body, String... names) {
    if (body == null || !body.isObject()) {
      return null;
    }
    for (String name : names) {
      final JsonNode value = body.get(name);
      if (value != null && value.isValueNode() && !value.asText().isEmpty()) {
        return value.asText();
      }
    }
    return null;
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
