package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.auth.OAuth2ClientCredentials;
import io.credql.error.InvalidInputException;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * A Google service account key, the JSON file {@code gcloud iam service-accounts keys create}
 * writes: who the account is ({@code client_email}), its RSA private key and where it exchanges
 * assertions for tokens ({@code token_uri}).
 */
final class ServiceAccountKey {
  /** Where Google issues tokens, when a key names no {@code token_uri}. */
  static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String clientEmail;
  private final @Nullable String privateKeyId;
  private final RSAPrivateKey privateKey;
  private final HttpUrl tokenUri;

  private ServiceAccountKey(String clientEmail, @Nullable String privateKeyId, RSAPrivateKey privateKey,
      HttpUrl tokenUri) {
    this.clientEmail = requireNonNull(clientEmail, "clientEmail");
    this.privateKeyId = privateKeyId;
    this.privateKey = requireNonNull(privateKey, "privateKey");
    this.tokenUri = requireNonNull(tokenUri, "tokenUri");
  }

  String clientEmail() {
    return clientEmail;
  }

  @Nullable String privateKeyId() {
    return privateKeyId;
  }

  RSAPrivateKey privateKey() {
    return privateKey;
  }

  HttpUrl tokenUri() {
    return tokenUri;
  }

  /**
   * The key {@code value} of environment variable {@code variable} holds: the key file's JSON, or
   * the path of the file. Errors name the variable and the problem, never the key.
   */
  static ServiceAccountKey fromVariable(String variable, String value) throws InvalidInputException {
    final String trimmed = value.trim();
    final String json;
    if (trimmed.startsWith("{")) {
      json = trimmed;
    } else {
      try {
        json = Files.readString(Path.of(trimmed));
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException(variable + " names a file that cannot be read (" + trimmed
            + "): set it to a service account key file's path or to the key's JSON");
      }
    }
    final JsonNode key;
    try {
      key = JSON.readTree(json);
    } catch (IOException e) {
      // the parser's message may quote the key: not repeated
      throw new InvalidInputException(variable + " does not hold a service account key: its JSON"
          + " does not parse; download the key again (gcloud iam service-accounts keys create)");
    }
    return fromJson(variable, key);
  }

  static ServiceAccountKey fromJson(String variable, JsonNode key) throws InvalidInputException {
    if (key == null || !key.isObject()) {
      throw new InvalidInputException(variable + " does not hold a service account key (a JSON object)");
    }
    final String type = key.path("type").asText("");
    if (!"service_account".equals(type)) {
      throw new InvalidInputException(variable + " holds a key of type '" + type + "'; the"
          + " service_account auth needs a service account key (\"type\": \"service_account\")");
    }
    final String email = key.path("client_email").asText("");
    final String pem = key.path("private_key").asText("");
    if (email.isEmpty() || pem.isEmpty()) {
      throw new InvalidInputException(variable + ": the service account key lacks "
          + (email.isEmpty() ? "client_email" : "private_key"));
    }
    final String tokenText = key.path("token_uri").asText(GOOGLE_TOKEN_URI);
    final HttpUrl tokenUri = HttpUrl.parse(tokenText);
    if (tokenUri == null || !OAuth2ClientCredentials.isSecureEndpoint(tokenUri)) {
      throw new InvalidInputException(variable + ": the key's token_uri must be an https URL (http"
          + " only towards loopback), not " + tokenText);
    }
    final String keyId = key.path("private_key_id").asText("");
    return new ServiceAccountKey(email, keyId.isEmpty() ? null : keyId, rsaKey(variable, pem), tokenUri);
  }

  /** A PKCS #8 PEM private key, as Google writes it. */
  private static RSAPrivateKey rsaKey(String variable, String pem) throws InvalidInputException {
    final String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s+", "");
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new InvalidInputException(variable + ": the service account key's private_key is not"
          + " a PKCS #8 RSA key in PEM (-----BEGIN PRIVATE KEY-----)");
    }
  }
}
