package io.credql.huaweicloud;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The API gateway's check of an {@code SDK-HMAC-SHA256} signature: the access key must be the
 * one the simulator knows, {@code X-Sdk-Date} signed and within the allowed skew, and the
 * signature recomputed from the request as received, over the headers its {@code SignedHeaders}
 * lists, equal to the one sent.
 */
final class SignatureVerifier {
  /** What the gateway says for a missing, malformed, stale or wrong signature. */
  static final String SIGNATURE_FAILED = "Incorrect IAM authentication information: verify aksk signature fail";
  /** What the gateway says when a request carries no credentials at all. */
  static final String NO_CREDENTIALS = "Incorrect IAM authentication information: x-auth-token not found";

  private final String accessKey;
  private final String secretKey;
  private final Clock clock;
  private final Duration allowedSkew;

  SignatureVerifier(String accessKey, String secretKey, Clock clock, Duration allowedSkew) {
    this.accessKey = requireNonNull(accessKey, "accessKey");
    this.secretKey = requireNonNull(secretKey, "secretKey");
    this.clock = requireNonNull(clock, "clock");
    this.allowedSkew = requireNonNull(allowedSkew, "allowedSkew");
  }

  /** Null when {@code request} is signed correctly, else the gateway's message. */
  @Nullable String refusal(LoggedRequest request) {
    final String authorization = single(request, "Authorization");
    if (authorization == null) {
      return single(request, "X-Auth-Token") == null ? NO_CREDENTIALS : SIGNATURE_FAILED;
    }
    final Map<String, String> fields = parse(authorization);
    if (fields == null || !accessKey.equals(fields.get("Access"))) {
      return SIGNATURE_FAILED;
    }
    final List<String> signedHeaders = Arrays.asList(fields.getOrDefault("SignedHeaders", "").split(";"));
    final String date = single(request, SdkHmacSha256Signer.DATE_HEADER);
    if (date == null || !signedHeaders.contains("x-sdk-date") || !fresh(date)) {
      return SIGNATURE_FAILED;
    }
    final String expected;
    try {
      expected = SdkHmacSha256Signer.sign(signable(request), signedHeaders, secretKey);
    } catch (IllegalArgumentException e) {
      return SIGNATURE_FAILED;
    }
    final String given = fields.getOrDefault("Signature", "");
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)) ? null : SIGNATURE_FAILED;
  }

  private boolean fresh(String date) {
    try {
      final Instant signed = Instant.from(SdkHmacSha256Signer.DATE_FORMAT.parse(date));
      return Duration.between(signed, clock.instant()).abs().compareTo(allowedSkew) <= 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** {@code SDK-HMAC-SHA256 Access=a, SignedHeaders=b, Signature=c} as a map, or null if malformed. */
  private static @Nullable Map<String, String> parse(String authorization) {
    final String prefix = SdkHmacSha256Signer.ALGORITHM + " ";
    if (!authorization.startsWith(prefix)) {
      return null;
    }
    final Map<String, String> fields = new LinkedHashMap<>();
    for (String part : authorization.substring(prefix.length()).split(",")) {
      final int equals = part.indexOf('=');
      if (equals < 0) {
        return null;
      }
      fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
    }
    return fields.keySet().containsAll(List.of("Access", "SignedHeaders", "Signature")) ? fields : null;
  }

  /** The request as received: raw path, decoded query, every header, the body's hash. */
  static SdkHmacSha256Signer.SignableRequest signable(LoggedRequest request) {
    final String url = request.getUrl();
    final int question = url.indexOf('?');
    final String path = question < 0 ? url : url.substring(0, question);
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    if (question >= 0 && question < url.length() - 1) {
      for (String pair : url.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        final int equals = pair.indexOf('=');
        final String name = equals < 0 ? pair : pair.substring(0, equals);
        final String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.add(new AbstractMap.SimpleImmutableEntry<>(SdkHmacSha256Signer.percentDecode(name, true),
            SdkHmacSha256Signer.percentDecode(value, true)));
      }
    }
    final Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key(), String.join(",", header.values()));
    }
    final String contentSha256 = single(request, SdkHmacSha256Signer.CONTENT_SHA256_HEADER);
    final byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    return new SdkHmacSha256Signer.SignableRequest(request.getMethod().getName(), path, query, headers,
        contentSha256 != null ? contentSha256 : SdkHmacSha256Signer.sha256Hex(body));
  }

  private static @Nullable String single(LoggedRequest request, String name) {
    final HttpHeader header = request.header(name);
    return header == null || !header.isPresent() || header.values().size() != 1 ? null : header.firstValue();
  }
}
