package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * What Google's token endpoint checks in a service account's JWT assertion, written with the JDK
 * alone so that it does not share a line with the client's JWT library: an RS256 signature that
 * the account's public key verifies, the account as issuer, the token endpoint as audience, a
 * scope, and a lifetime of at most an hour around now.
 */
final class JwtAssertionVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_LIFETIME = Duration.ofHours(1);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final String clientEmail;
  private final String keyId;
  private final RSAPublicKey publicKey;

  JwtAssertionVerifier(String clientEmail, String keyId, RSAPublicKey publicKey) {
    this.clientEmail = requireNonNull(clientEmail, "clientEmail");
    this.keyId = requireNonNull(keyId, "keyId");
    this.publicKey = requireNonNull(publicKey, "publicKey");
  }

  /** Why {@code assertion} is refused, in Google's words, or null when it is good. */
  @Nullable String refusal(String assertion, String audience, Instant now) {
    final String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      return "Invalid JWT: the assertion is not a signed JWT.";
    }
    final JsonNode header;
    final JsonNode claims;
    final byte[] signature;
    try {
      final Base64.Decoder base64url = Base64.getUrlDecoder();
      header = JSON.readTree(base64url.decode(parts[0]));
      claims = JSON.readTree(base64url.decode(parts[1]));
      signature = base64url.decode(parts[2]);
    } catch (Exception e) {
      return "Invalid JWT: the assertion is not base64url-encoded JSON.";
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      return "Invalid JWT: the algorithm must be RS256.";
    }
    if (header.has("kid") && !keyId.equals(header.path("kid").asText())) {
      return "Invalid JWT Signature.";
    }
    try {
      final Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(publicKey);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(signature)) {
        return "Invalid JWT Signature.";
      }
    } catch (GeneralSecurityException e) {
      return "Invalid JWT Signature.";
    }
    if (!clientEmail.equals(claims.path("iss").asText())) {
      return "Invalid JWT: the issuer is not a known service account.";
    }
    if (!audience.equals(claims.path("aud").asText())) {
      return "Invalid JWT: the audience must be the token endpoint, " + audience + ".";
    }
    if (claims.path("scope").asText("").isBlank()) {
      return "Invalid JWT: no scope was asked for.";
    }
    final long iat = claims.path("iat").asLong(-1);
    final long exp = claims.path("exp").asLong(-1);
    if (iat < 0 || exp < 0 || exp - iat > MAX_LIFETIME.getSeconds() || exp <= iat
        || Instant.ofEpochSecond(iat).isAfter(now.plus(CLOCK_SKEW))
        || Instant.ofEpochSecond(exp).isBefore(now.minus(CLOCK_SKEW))) {
      return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
          + " timeframe. Check your iat and exp values in the JWT claim.";
    }
    return null;
  }
}
