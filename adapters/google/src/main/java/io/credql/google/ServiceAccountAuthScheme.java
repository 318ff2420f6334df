package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.credql.call.auth.OAuth2ClientCredentials;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.FormBody;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Google service-account authentication, {@code config.auth.type: service_account}: the key named
 * by {@code credentialsenvvar} (default {@code GOOGLE_CREDENTIALS}, a key file's path or its JSON)
 * signs an RS256 JWT assertion (RFC 7523), which the key's {@code token_uri} exchanges for an
 * access token sent as {@code Authorization: Bearer}.
 *
 * <p>The assertion is signed with nimbus-jose-jwt; the token is kept for this connection by the
 * engine's {@link OAuth2ClientCredentials} and fetched again before it expires, so one token
 * request serves every call in between.
 */
public final class ServiceAccountAuthScheme implements AuthScheme {
  /** The scope StackQL's Google provider asks for. */
  static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  /** The grant type of RFC 7523 §2.1. */
  static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** The longest assertion lifetime Google accepts. */
  static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

  private final AuthContext context;
  private final String credentialsVariable;
  private final String scope;
  private final Clock clock;
  private final OAuth2ClientCredentials tokens;
  private @Nullable ServiceAccountKey key;
  private @Nullable String keyVariableValue;

  ServiceAccountAuthScheme(AuthContext context, String credentialsVariable, String scope, Clock clock) {
    this.context = requireNonNull(context, "context");
    this.credentialsVariable = requireNonNull(credentialsVariable, "credentialsVariable");
    this.scope = requireNonNull(scope, "scope");
    this.clock = requireNonNull(clock, "clock");
    this.tokens = new OAuth2ClientCredentials(context, scope, clock,
        "the service account key in " + credentialsVariable);
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final ServiceAccountKey account = key();
    final String token = tokens.accessToken(account.tokenUri(), account.clientEmail(),
        new OAuth2ClientCredentials.Grant() {
          @Override public Request.Builder request() throws CredqlException {
            return new Request.Builder().post(new FormBody.Builder()
                .add("grant_type", JWT_BEARER_GRANT)
                .add("assertion", assertion(account))
                .build());
          }

          @Override public String description() {
            return "the service account's assertion";
          }
        });
    return request.newBuilder().header("Authorization", "Bearer " + token).build();
  }

  /** The key, read once per value of the variable (a changed file path is read again). */
  private synchronized ServiceAccountKey key() throws CredqlException {
    final String value = context.requireSecret(credentialsVariable);
    if (key == null || !value.equals(keyVariableValue)) {
      key = ServiceAccountKey.fromVariable(credentialsVariable, value);
      keyVariableValue = value;
    }
    return key;
  }

  /** A fresh assertion: the account as issuer, the token endpoint as audience, valid an hour. */
  private String assertion(ServiceAccountKey account) throws CredqlException {
    final Instant now = clock.instant();
    final JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
    if (account.privateKeyId() != null) {
      header.keyID(account.privateKeyId());
    }
    final JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(account.clientEmail())
        .audience(account.tokenUri().toString())
        .claim("scope", scope)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
        .build();
    final SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(new RSASSASigner(account.privateKey()));
    } catch (JOSEException e) {
      throw new InvalidInputException(credentialsVariable + ": the service account key cannot sign"
          + " (" + e.getClass().getSimpleName() + "); nothing was sent");
    }
    return jwt.serialize();
  }

  /**
   * Factory of {@code type: service_account}: {@code credentialsenvvar} names the variable holding
   * the key ({@code GOOGLE_CREDENTIALS} by default), {@code scopes} the scopes asked for
   * ({@code cloud-platform} by default).
   */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "service_account";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      return create(config, context, Clock.systemUTC());
    }

    static ServiceAccountAuthScheme create(JsonNode config, AuthContext context, Clock clock) {
      final String variable = config.path("credentialsenvvar").asText("");
      final List<String> scopes = new ArrayList<>();
      final JsonNode configured = config.get("scopes");
      if (configured != null && configured.isArray()) {
        configured.forEach(s -> scopes.add(s.asText()));
      } else if (configured != null && configured.isTextual()) {
        scopes.add(configured.asText());
      }
      return new ServiceAccountAuthScheme(context, variable.isEmpty() ? "GOOGLE_CREDENTIALS" : variable,
          scopes.isEmpty() ? CLOUD_PLATFORM_SCOPE : String.join(" ", scopes), clock);
    }
  }
}
