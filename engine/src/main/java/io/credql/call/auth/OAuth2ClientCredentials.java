package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.LoopbackHost;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;
import io.credql.spi.AuthContext;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * OAuth 2.0 client-credentials tokens of one connection (RFC 6749 §4.4): asked from a token
 * endpoint with HTTP Basic {@code client_id:client_secret} and a form body
 * {@code grant_type=client_credentials&scope=...}, kept per endpoint and client, and fetched again
 * {@link #REFRESH_MARGIN} before they expire (at most halfway through their life), so one token
 * request serves every call in between. Issued tokens are registered as secrets.
 *
 * <p>Other grants posted to a token endpoint (RFC 7523's JWT bearer assertion of a Google service
 * account) use the same cache, request and error handling through {@link #accessToken(HttpUrl,
 * String, Grant)}.
 */
public final class OAuth2ClientCredentials {
  /** How long before its expiry a token is replaced (at most half its lifetime). */
  public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
  /** Assumed when a token response gives no {@code expires_in}. */
  private static final long DEFAULT_LIFETIME_SECONDS = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthContext context;
  private final String scope;
  private final Clock clock;
  private final String credentialsHint;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  /**
   * @param credentialsHint how a refusal tells the user what to check, e.g. the variables' names
   */
  public OAuth2ClientCredentials(AuthContext context, String scope, Clock clock, String credentialsHint) {
    this.context = requireNonNull(context, "context");
    this.scope = requireNonNull(scope, "scope");
    this.clock = requireNonNull(clock, "clock");
    this.credentialsHint = requireNonNull(credentialsHint, "credentialsHint");
  }

  /**
   * Whether credentials may be sent to {@code url}: https, or http towards a loopback address (a
   * simulator on this machine).
   */
  public static boolean isSecureEndpoint(HttpUrl url) {
    return "https".equals(url.scheme()) || LoopbackHost.isLoopback(url.host());
  }

  /** A token request's form and authorization, made afresh for each request (an assertion expires). */
  public interface Grant {
    /** What the token endpoint is sent: a form body and any headers. */
    Request.Builder request() throws CredqlException;

    /** What a refusal says was refused, e.g. {@code the client credentials}. */
    String description();
  }

  /** The access token for {@code clientId} at {@code tokenUrl}: the one held, or a new one. */
  public String accessToken(HttpUrl tokenUrl, String clientId, String clientSecret) throws CredqlException {
    return accessToken(tokenUrl, clientId, new Grant() {
      @Override public Request.Builder request() {
        return new Request.Builder()
            .header("Authorization", Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8))
            .post(new FormBody.Builder().add("grant_type", "client_credentials").add("scope", scope).build());
      }

      @Override public String description() {
        return "the client credentials";
      }
    });
  }

  /**
   * The access token {@code grant} obtains at {@code tokenUrl} for {@code principal} (who the
   * grant stands for, which keys the cache): the one held, or a new one.
   */
  public String accessToken(HttpUrl tokenUrl, String principal, Grant grant) throws CredqlException {
    requireNonNull(grant, "grant");
    return tokens.computeIfAbsent(tokenUrl + " " + principal, key -> new Token())
        .current(tokenUrl, grant);
  }

  /** One endpoint's token; requests for it wait while it is fetched, so it is fetched once. */
  private final class Token {
    private @Nullable String value;
    private Instant refreshAt = Instant.MIN;

    synchronized String current(HttpUrl tokenUrl, Grant grant) throws CredqlException {
      if (value == null || !clock.instant().isBefore(refreshAt)) {
        final Instant requested = clock.instant();
        final JsonNode response = requestToken(tokenUrl, grant);
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

  private JsonNode requestToken(HttpUrl tokenUrl, Grant grant) throws CredqlException {
    final Request request = grant.request().url(tokenUrl).header("Accept", "application/json").build();
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
    throw refused(tokenUrl, status, tree, grant.description());
  }

  /** A token endpoint's refusal ({@code {error, error_description}} in RFC 6749, or a provider's shape). */
  private ProviderErrorException refused(HttpUrl tokenUrl, int status, @Nullable JsonNode body,
      String refusedWhat) {
    final String code = first(body, "error", "errorCode", "error_code");
    final String description = first(body, "error_description", "errorSummary", "message");
    final String providerMessage = description != null ? description
        : code != null ? code : "no error description";
    final StringBuilder message = new StringBuilder(context.providerName())
        .append(": the OAuth token endpoint ").append(tokenUrl)
        .append(" refused ").append(refusedWhat).append(": HTTP ").append(status).append(' ');
    if (code != null) {
      message.append('[').append(code).append("] ");
    }
    message.append(providerMessage);
    if (status == 400 || status == 401 || status == 403) {
      message.append(". Check ").append(credentialsHint);
    }
    message.append("; nothing else was sent");
    return new ProviderErrorException(context.providerName() + ".oauth2.token", status, code,
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
}
