package io.credql.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import io.credql.spi.RequestAsSent;
import okhttp3.Request;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * StackQL's {@code aws_signing_v4}: every request is signed with AWS Signature Version 4 by the
 * AWS SDK for Java's own signer (module {@code http-auth-aws}), with the access key, secret key and
 * optional session token from the environment, for the region and service of
 * {@link AwsSigningScope}. Runs on every attempt, so each retry carries a fresh date.
 */
public final class AwsSigV4AuthScheme implements AuthScheme {
  /** Where the keys are read from unless the provider's auth config names other variables. */
  public static final String DEFAULT_KEY_ID_VARIABLE = "AWS_ACCESS_KEY_ID";
  public static final String DEFAULT_SECRET_VARIABLE = "AWS_SECRET_ACCESS_KEY";
  public static final String DEFAULT_SESSION_TOKEN_VARIABLE = "AWS_SESSION_TOKEN";

  private final AuthContext context;
  private final String keyIdVariable;
  private final String secretVariable;
  private final String sessionTokenVariable;
  private final Clock clock;

  /** Signs with the keys in the named variables, dated by {@code clock}. */
  public AwsSigV4AuthScheme(AuthContext context, String keyIdVariable, String secretVariable,
      String sessionTokenVariable, Clock clock) {
    this.context = requireNonNull(context, "context");
    this.keyIdVariable = requireNonNull(keyIdVariable, "keyIdVariable");
    this.secretVariable = requireNonNull(secretVariable, "secretVariable");
    this.sessionTokenVariable = requireNonNull(sessionTokenVariable, "sessionTokenVariable");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public Request authenticate(Request request) throws IOException, CredqlException {
    final AwsSigningScope scope = AwsSigningScope.of(request);
    final String keyId = context.requireSecret(keyIdVariable);
    final String secret = context.requireSecret(secretVariable);
    final String sessionToken = context.getenv(sessionTokenVariable);
    final AwsCredentialsIdentity identity;
    if (sessionToken == null || sessionToken.isEmpty()) {
      identity = AwsCredentialsIdentity.create(keyId, secret);
    } else {
      context.registerSecret(sessionToken);
      identity = AwsSessionCredentialsIdentity.create(keyId, secret, sessionToken);
    }
    return signed(request, identity, scope, clock);
  }

  /** {@code request} with the headers of its signature for {@code scope} at {@code clock}'s time. */
  static Request signed(Request request, AwsCredentialsIdentity identity, AwsSigningScope scope, Clock clock)
      throws IOException {
    final RequestAsSent sent = RequestAsSent.of(request);
    final Request toSign = sent.request();
    final SdkHttpRequest.Builder sdkRequest = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(toSign.method()))
        .uri(toSign.url().uri());
    for (String name : toSign.headers().names()) {
      sdkRequest.putHeader(name, toSign.headers(name));
    }
    final V4RequestSigningResult signed = sign(sdkRequest, sent.body(), identity, scope, clock);
    final Request.Builder result = toSign.newBuilder();
    for (Map.Entry<String, List<String>> header : signed.getSignedRequest().headers().entrySet()) {
      result.removeHeader(header.getKey());
      for (String value : header.getValue()) {
        result.addHeader(header.getKey(), value);
      }
    }
    return result.build();
  }

  /**
   * {@code request} with {@code body} signed in the {@code Authorization} header for {@code scope}
   * at {@code clock}'s time; the result also holds the canonical request. The signing is the SDK's
   * request signer, the one inside its {@code AwsV4HttpSigner}, given the payload's SHA-256 directly:
   * the outer signer would also add and sign an {@code x-amz-content-sha256} header, which Signature
   * Version 4 asks only of S3, and what credql sends is exactly what AWS's published test suite
   * describes. The SDK marks these classes internal, so its version is pinned in the build.
   */
  static V4RequestSigningResult sign(SdkHttpRequest.Builder request, byte[] body, AwsCredentialsIdentity identity,
      AwsSigningScope scope, Clock clock) {
    final CredentialScope credentialScope = new CredentialScope(scope.region(), scope.service(), clock.instant());
    final V4Properties properties = V4Properties.builder()
        .credentials(identity)
        .credentialScope(credentialScope)
        .signingClock(clock)
        .doubleUrlEncode(true)
        .normalizePath(true)
        .build();
    if (identity instanceof AwsSessionCredentialsIdentity) {
      request.putHeader("X-Amz-Security-Token", ((AwsSessionCredentialsIdentity) identity).sessionToken());
    }
    SignerUtils.addHostHeader(request);
    SignerUtils.addDateHeader(request, SignerUtils.formatDateTime(credentialScope.getInstant()));
    final V4RequestSigningResult result = V4RequestSigner.create(properties, sha256Hex(body)).sign(request);
    request.putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentialScope.scope(identity)
        + ", SignedHeaders=" + result.getCanonicalRequest().getSignedHeadersString()
        + ", Signature=" + result.getSignature());
    return result;
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Factory of {@code type: aws_signing_v4}; {@code keyIDenvvar}, {@code credentialsenvvar} and
   * {@code sessiontokenenvvar} name the variables holding the access key id, the secret key and
   * the optional session token ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
   * {@code AWS_SESSION_TOKEN} by default).
   */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "aws_signing_v4";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) {
      return new AwsSigV4AuthScheme(context,
          text(config, "keyIDenvvar", DEFAULT_KEY_ID_VARIABLE),
          text(config, "credentialsenvvar", DEFAULT_SECRET_VARIABLE),
          text(config, "sessiontokenenvvar", DEFAULT_SESSION_TOKEN_VARIABLE),
          Clock.systemUTC());
    }

    /** A config key read ignoring case, as StackQL's documents spell them several ways. */
    private static String text(JsonNode config, String key, String fallback) {
      final Iterator<String> names = config.fieldNames();
      while (names.hasNext()) {
        final String name = names.next();
        if (name.equalsIgnoreCase(key) && config.get(name).isTextual()) {
          return config.get(name).asText();
        }
      }
      return fallback;
    }
  }
}
