package io.credql.huaweicloud;

import org.checkerframework.checker.nullness.qual.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Huawei Cloud's {@code SDK-HMAC-SHA256} request signature (API Request Signing Guide; the
 * huaweicloud SDKs' {@code signer}): canonical request, string to sign, HMAC-SHA256 keyed with the
 * secret key itself. Used by the client to sign and by the simulator to verify, so both compute
 * the same bytes from the same request.
 */
public final class SdkHmacSha256Signer {
  /** The algorithm name that opens the string to sign and the {@code Authorization} header. */
  public static final String ALGORITHM = "SDK-HMAC-SHA256";
  /** The header carrying the signing time. */
  public static final String DATE_HEADER = "X-Sdk-Date";
  /** A header that replaces the body's hash in the canonical request ({@code UNSIGNED-PAYLOAD}). */
  public static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";
  /** {@code X-Sdk-Date}'s layout: UTC, {@code 20060102T150405Z}. */
  public static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** SHA-256 of no bytes: the hash of an empty body. */
  public static final String EMPTY_BODY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final HexFormat HEX = HexFormat.of();

  /**
   * What a signature covers, as the signer sees it.
   *
   * @param method        the HTTP method, e.g. {@code GET}
   * @param encodedPath   the request path as sent (percent-encoded), e.g. {@code /v3/p/instances}
   * @param query         the query parameters, decoded, in any order (a name may repeat)
   * @param headers       header values by name, matched ignoring case
   * @param payloadSha256 hex SHA-256 of the body, or the {@code X-Sdk-Content-Sha256} value
   */
  public record SignableRequest(String method, String encodedPath, List<Map.Entry<String, String>> query,
      Map<String, String> headers, String payloadSha256) {
    public SignableRequest {
      requireNonNull(method, "method");
      requireNonNull(encodedPath, "encodedPath");
      query = List.copyOf(query);
      headers = Map.copyOf(headers);
      requireNonNull(payloadSha256, "payloadSha256");
    }

    /** The value of header {@code name} (any case), or null. */
    public @Nullable String header(String name) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
      return null;
    }
  }

  private SdkHmacSha256Signer() {
  }

  /**
   * The canonical request: method, canonical URI, canonical query string, the signed headers'
   * {@code name:value} lines, the signed header list and the payload hash, one per line.
   *
   * @throws IllegalArgumentException if a signed header is missing from the request
   */
  public static String canonicalRequest(SignableRequest request, List<String> signedHeaders) {
    final List<String> names = normalize(signedHeaders);
    final StringBuilder canonical = new StringBuilder()
        .append(request.method().toUpperCase(Locale.ROOT)).append('\n')
        .append(canonicalUri(request.encodedPath())).append('\n')
        .append(canonicalQueryString(request.query())).append('\n');
    for (String name : names) {
      final String value = request.header(name);
      if (value == null) {
        throw new IllegalArgumentException("signed header " + name + " is not in the request");
      }
      canonical.append(name).append(':').append(value.trim()).append('\n');
    }
    return canonical.append('\n')
        .append(String.join(";", names)).append('\n')
        .append(request.payloadSha256())
        .toString();
  }

  /**
   * The path, decoded, its segments encoded as RFC 3986 says, always ending with {@code /} (for
   * signing only; the request itself need not end so).
   */
  public static String canonicalUri(String encodedPath) {
    final String decoded = percentDecode(encodedPath.isEmpty() ? "/" : encodedPath, false);
    final String[] segments = decoded.split("/", -1);
    final StringBuilder uri = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        uri.append('/');
      }
      uri.append(encode(segments[i]));
    }
    if (uri.length() == 0 || uri.charAt(uri.length() - 1) != '/') {
      uri.append('/');
    }
    return uri.toString();
  }

  /** Parameters sorted by name, then value, each {@code encode(name)=encode(value)}, joined by {@code &}. */
  public static String canonicalQueryString(List<Map.Entry<String, String>> query) {
    final List<Map.Entry<String, String>> sorted = new ArrayList<>(query);
    sorted.sort(Map.Entry.<String, String>comparingByKey()
        .thenComparing(Map.Entry.comparingByValue(Comparator.nullsFirst(Comparator.naturalOrder()))));
    final List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> parameter : sorted) {
      final String value = parameter.getValue() == null ? "" : parameter.getValue();
      pairs.add(encode(parameter.getKey()) + "=" + encode(value));
    }
    return String.join("&", pairs);
  }

  /** {@code SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>}. */
  public static String stringToSign(String sdkDate, String canonicalRequest) {
    return ALGORITHM + "\n" + sdkDate + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** Hex HMAC-SHA256 of the string to sign, keyed with the secret key's bytes (no derivation). */
  public static String signature(String secretKey, String stringToSign) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** The signature of {@code request} over {@code signedHeaders}; the request carries {@code X-Sdk-Date}. */
  public static String sign(SignableRequest request, List<String> signedHeaders, String secretKey) {
    final String date = request.header(DATE_HEADER);
    if (date == null) {
      throw new IllegalArgumentException("the request has no " + DATE_HEADER + " header");
    }
    return signature(secretKey, stringToSign(date, canonicalRequest(request, signedHeaders)));
  }

  /** {@code SDK-HMAC-SHA256 Access=<ak>, SignedHeaders=<a;b>, Signature=<hex>}. */
  public static String authorization(String accessKey, List<String> signedHeaders, String signature) {
    return ALGORITHM + " Access=" + accessKey + ", SignedHeaders="
        + String.join(";", normalize(signedHeaders)) + ", Signature=" + signature;
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** RFC 3986 percent-encoding of UTF-8 bytes: letters, digits and {@code -_.~} stay, all else is {@code %XX}. */
  static String encode(String text) {
    final StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      final int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  /**
   * Decodes {@code %XX} sequences (a malformed one is kept as it is) and, in query strings,
   * {@code +} as a space, as form decoding and OkHttp's query decoding do.
   */
  public static String percentDecode(String text, boolean plusIsSpace) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      final int c = text.codePointAt(i);
      if (c == '%' && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
        i += 3;
        continue;
      }
      if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
      }
      i += Character.charCount(c);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> normalize(List<String> signedHeaders) {
    final List<String> names = new ArrayList<>();
    for (String name : signedHeaders) {
      final String lower = name.trim().toLowerCase(Locale.ROOT);
      if (!lower.isEmpty() && !names.contains(lower)) {
        names.add(lower);
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }
}
