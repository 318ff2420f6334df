package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * AWS's check of a Signature Version 4 {@code Authorization} header, written here from AWS's
 * description of the algorithm (and independent of the SDK signer credql sends with): the
 * credential scope must name a known access key, the service and a served region, the date must
 * be signed and within five minutes of the simulator's clock, and the signature recomputed from
 * the request as received must equal the one sent. {@link #canonicalRequest} and
 * {@link #stringToSign} are checked against AWS's published test suite.
 */
final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);
  static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  static final String SECURITY_TOKEN = "X-Amz-Security-Token";
  private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

  /** What a verified request was signed for. */
  record Signer(String accessKey, String region) {
  }

  /** Either the signer of a verified request or the reason it is refused. */
  record Verdict(@Nullable Signer signer, @Nullable AuthFailure failure) {
    static Verdict refused(AuthFailure.Kind kind, String message) {
      return new Verdict(null, new AuthFailure(kind, message));
    }
  }

  private final String accessKey;
  private final String secretKey;
  private final Set<String> regions;
  private final Clock clock;
  private final @Nullable String sessionToken;

  /**
   * Accepts requests signed by {@code accessKey} with {@code secretKey}, scoped to one of
   * {@code regions}, dated near {@code clock}'s time.
   */
  SigV4Verifier(String accessKey, String secretKey, Set<String> regions, Clock clock) {
    this(accessKey, secretKey, regions, clock, null);
  }

  /**
   * Accepts requests signed with temporary credentials: as above, and each must carry
   * {@code sessionToken} in a signed {@code X-Amz-Security-Token} header (none when it is null).
   */
  SigV4Verifier(String accessKey, String secretKey, Set<String> regions, Clock clock, @Nullable String sessionToken) {
    this.accessKey = requireNonNull(accessKey, "accessKey");
    this.secretKey = requireNonNull(secretKey, "secretKey");
    this.regions = Set.copyOf(regions);
    this.clock = requireNonNull(clock, "clock");
    this.sessionToken = sessionToken;
  }

  /** Null when the request's session token is the one expected (or none is, and none is sent), else the refusal. */
  private @Nullable Verdict checkSessionToken(@Nullable String given, List<String> signedHeaders) {
    if (sessionToken == null && given == null) {
      return null;
    }
    if (sessionToken == null || given == null || !MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8))) {
      return Verdict.refused(AuthFailure.Kind.UNKNOWN_ACCESS_KEY, "The security token included in the request is invalid.");
    }
    if (!signedHeaders.contains("x-amz-security-token")) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
    }
    return null;
  }

  /** Checks {@code request}, addressed to {@code service}. */
  Verdict verify(ReceivedRequest request, String service) {
    final String authorization = request.header("Authorization");
    if (authorization == null) {
      return Verdict.refused(AuthFailure.Kind.MISSING_TOKEN, "Missing Authentication Token");
    }
    if (!authorization.startsWith(ALGORITHM + " ")) {
      final int space = authorization.indexOf(' ');
      return Verdict.refused(AuthFailure.Kind.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '"
          + (space < 0 ? authorization : authorization.substring(0, space)) + "'");
    }
    final Map<String, String> fields = new LinkedHashMap<>();
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      final int equals = part.indexOf('=');
      if (equals > 0) {
        fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    final StringBuilder missing = new StringBuilder();
    for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
      if (!fields.containsKey(required)) {
        missing.append(missing.length() == 0 ? "" : " ").append("Authorization header requires '").append(required)
            .append("' parameter.");
      }
    }
    if (missing.length() > 0) {
      return Verdict.refused(AuthFailure.Kind.INCOMPLETE_SIGNATURE, missing.toString());
    }
    final String[] credential = requireNonNull(fields.get("Credential"), "Credential").split("/", -1);
    if (credential.length != 5) {
      return Verdict.refused(AuthFailure.Kind.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited"
          + " elements, e.g. keyid/date/region/service/term, got '" + fields.get("Credential") + "'");
    }
    if (!accessKey.equals(credential[0])) {
      return Verdict.refused(AuthFailure.Kind.UNKNOWN_ACCESS_KEY, "The security token included in the request is invalid.");
    }
    if (!"aws4_request".equals(credential[4])) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped with a valid terminator: 'aws4_request', not '" + credential[4] + "'.");
    }
    if (!service.equals(credential[3])) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped to correct service: '" + service + "'. ");
    }
    if (!regions.contains(credential[2])) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped to a valid region, not '" + credential[2] + "'. ");
    }
    final String amzDate = request.header("X-Amz-Date");
    if (amzDate == null) {
      return Verdict.refused(AuthFailure.Kind.INCOMPLETE_SIGNATURE,
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    final Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Verdict.refused(AuthFailure.Kind.INCOMPLETE_SIGNATURE,
          "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    if (!amzDate.startsWith(credential[1])) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH, "Date in Credential scope does not match"
          + " YYYYMMDD from ISO-8601 version of date from HTTP: '" + credential[1] + "' != '" + amzDate.substring(0, 8)
          + "', from '" + amzDate + "'.");
    }
    final Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH, "Signature expired: " + amzDate
          + " is now earlier than " + AMZ_DATE.format(now.minus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now)
          + " - 5 min.)");
    }
    if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH, "Signature not yet current: " + amzDate
          + " is still later than " + AMZ_DATE.format(now.plus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now)
          + " + 5 min.)");
    }
    final List<String> signedHeaders = Arrays.asList(requireNonNull(fields.get("SignedHeaders"), "SignedHeaders")
        .toLowerCase(Locale.ROOT).split(";"));
    if (!signedHeaders.contains("host")) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!signedHeaders.contains("x-amz-date")) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH,
          "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    }
    final Verdict token = checkSessionToken(request.header(SECURITY_TOKEN), signedHeaders);
    if (token != null) {
      return token;
    }
    final String scope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/aws4_request";
    final String expected = signature(secretKey, scope, stringToSign(amzDate, scope,
        canonicalRequest(request, signedHeaders)));
    final String given = requireNonNull(fields.get("Signature"), "Signature"); // required above
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.refused(AuthFailure.Kind.SIGNATURE_DOES_NOT_MATCH, AuthFailure.MISMATCH);
    }
    return new Verdict(new Signer(credential[0], credential[2]), null);
  }

  /** Task 1: the canonical request of {@code request} over {@code signedHeaders} (lower case). */
  static String canonicalRequest(ReceivedRequest request, List<String> signedHeaders) {
    final List<String> names = new ArrayList<>(signedHeaders);
    names.sort(null);
    final StringBuilder canonical = new StringBuilder()
        .append(request.method()).append('\n')
        .append(canonicalUri(request.rawPath())).append('\n')
        .append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : names) {
      final List<String> values = new ArrayList<>();
      for (String value : request.headerValues(name)) {
        values.add(value.strip().replaceAll("\\s+", " "));
      }
      canonical.append(name).append(':').append(String.join(",", values)).append('\n');
    }
    return canonical.append('\n').append(String.join(";", names)).append('\n')
        .append(hex(sha256(request.body()))).toString();
  }

  /** Task 2: what is signed. */
  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  /** Tasks 3 and 4: the signing key derived from the secret and the scope, and the signature with it. */
  static String signature(String secretKey, String scope, String stringToSign) {
    final String[] parts = scope.split("/");
    byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    for (String part : parts) {
      key = hmac(key, part);
    }
    return hex(hmac(key, stringToSign));
  }

  /**
   * The path as received, with dot segments and empty segments removed, each byte outside the
   * unreserved set percent-encoded again (services other than S3 sign the encoded path encoded).
   */
  static String canonicalUri(String rawPath) {
    final Deque<String> segments = new ArrayDeque<>();
    for (String segment : rawPath.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
        continue;
      }
      segments.addLast(encode(segment));
    }
    final boolean trailingSlash = rawPath.endsWith("/") && !segments.isEmpty();
    return "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
  }

  /** The query's parameters decoded, encoded the one canonical way and sorted by name, then value. */
  static String canonicalQuery(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    final List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int equals = pair.indexOf('=');
      final String name = equals < 0 ? pair : pair.substring(0, equals);
      final String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(encode(percentDecode(name)) + "=" + encode(percentDecode(value)));
    }
    pairs.sort((a, b) -> {
      final String nameA = a.substring(0, a.indexOf('='));
      final String nameB = b.substring(0, b.indexOf('='));
      final int byName = nameA.compareTo(nameB);
      return byName != 0 ? byName : a.compareTo(b);
    });
    return String.join("&", pairs);
  }

  /** Every UTF-8 byte of {@code text} outside the unreserved characters as {@code %XY}. */
  static String encode(String text) {
    final StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      final char c = (char) (b & 0xff);
      if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return encoded.toString();
  }

  /** {@code %XY} sequences as bytes, the rest as UTF-8; a malformed escape stays as written. */
  static String percentDecode(String text) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
        i += 3;
      } else {
        final int codePoint = text.codePointAt(i);
        final byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
