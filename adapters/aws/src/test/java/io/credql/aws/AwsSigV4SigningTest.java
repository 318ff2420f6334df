package io.credql.aws;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * credql signs with the AWS SDK's signer; these tests hold it to AWS's published Signature
 * Version 4 test suite: the {@code Authorization} header byte for byte and the signed request
 * header for header, through the same code that signs every request credql sends.
 */
class AwsSigV4SigningTest {
  /**
   * Cases an HTTP client cannot send as written, so credql's OkHttp requests cannot carry them;
   * the SDK signer is checked on them directly below.
   */
  private static final Set<String> NOT_AN_OKHTTP_REQUEST = Set.of(
      "get-header-value-multiline",   // a folded header value: OkHttp refuses line breaks in headers
      "get-utf8", "get-space",        // a raw non-ASCII / space path: a URL carries it encoded
      "get-relative", "get-relative-relative", "get-slash-dot-slash", "get-slash-pointless-dot",
      "get-slash", "get-slashes", "get-special-character"); // dot segments and empty segments OkHttp normalises itself
  /** The token goes on after signing in this case; credql (like the SDK) always signs it. */
  private static final String UNSIGNED_TOKEN_CASE = "post-sts-header-after";

  static Stream<SigV4TestCase> okHttpCases() {
    return SigV4TestCase.all().filter(c -> !NOT_AN_OKHTTP_REQUEST.contains(c.name())
        && !c.name().equals(UNSIGNED_TOKEN_CASE));
  }

  static Stream<SigV4TestCase> sdkCases() {
    // a path with a raw space is no URI at all, and the SDK's requests are URIs
    return SigV4TestCase.all().filter(c -> !c.name().equals(UNSIGNED_TOKEN_CASE) && !c.name().equals("get-space"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("okHttpCases")
  void aSuiteRequestSentByCredqlCarriesTheAuthorizationAwsPublishes(SigV4TestCase c) throws IOException {
    final Request.Builder builder = new Request.Builder().url("https://example.amazonaws.com" + c.target());
    MediaType contentType = null;
    for (Map.Entry<String, String> header : c.headers()) {
      final String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type")) {
        contentType = MediaType.get(header.getValue());
      } else if (!name.equals("host") && !name.equals("x-amz-security-token")) {
        builder.addHeader(header.getKey(), header.getValue());
      }
    }
    final RequestBody body = c.method().equals("GET") ? null : RequestBody.create(c.body(), contentType);
    final Request request = builder.method(c.method(), body).build();
    assertEquals(c.path(), request.url().encodedPath(), "the case's path is sent as written");

    final Request signed = AwsSigV4AuthScheme.signed(request, identity(c), SigV4TestCase.SCOPE, SigV4TestCase.CLOCK);

    assertEquals(c.authorization(), signed.header("Authorization"));
    // the suite's get-vanilla-with-session-token.sreq repeats get-vanilla's Authorization by mistake
    // (its .authz, .sts and .creq agree with each other): compare the other headers with the .sreq
    assertEquals(sorted(withoutAuthorization(c.signedRequestHeaders())), sorted(withoutAuthorization(headerLines(signed))),
        "the signed request has exactly the suite's headers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sdkCases")
  void theSignerMakesTheCanonicalRequestAndAuthorizationAwsPublishesForEverySuiteRequest(SigV4TestCase c) {
    final SdkHttpRequest.Builder request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(c.method()))
        .protocol("https").host("example.amazonaws.com")
        // the suite's paths are not encoded: the signer encodes them, as it encodes every path
        .encodedPath(c.path());
    if (c.query() != null) {
      for (String pair : c.query().split("&")) {
        final int equals = pair.indexOf('=');
        final String name = equals < 0 ? pair : pair.substring(0, equals);
        final String value = equals < 0 ? "" : pair.substring(equals + 1);
        request.appendRawQueryParameter(decode(name), decode(value));
      }
    }
    for (Map.Entry<String, String> header : c.headers()) {
      if (!header.getKey().equalsIgnoreCase("x-amz-security-token")) {
        // a folded line is one value: RFC 9112 has a recipient replace each fold with a space
        request.appendHeader(header.getKey(), header.getValue().replace("\n", " "));
      }
    }

    final V4RequestSigningResult signed = AwsSigV4AuthScheme.sign(request, c.body(), identity(c),
        SigV4TestCase.SCOPE, SigV4TestCase.CLOCK);

    assertEquals(c.canonicalRequest(), signed.getCanonicalRequest().getCanonicalRequestString());
    assertEquals(c.stringToSign(), stringToSign(signed.getCanonicalRequest().getCanonicalRequestString()));
    assertEquals(c.authorization(), signed.getSignedRequest().firstMatchingHeader("Authorization").orElseThrow());
  }

  @Test
  void theSuiteHasTheCasesAwsPublishes() {
    assertEquals(34, SigV4TestCase.all().count());
    assertEquals(32, sdkCases().count());
    assertEquals(23, okHttpCases().count(), "most cases go through credql's own request path");
  }

  /** The suite's keys, with the case's session token when its canonical request signs one. */
  private static AwsCredentialsIdentity identity(SigV4TestCase c) {
    for (String line : c.signedRequestHeaders()) {
      if (line.startsWith("x-amz-security-token:") && c.canonicalRequest().contains("x-amz-security-token")) {
        return AwsSessionCredentialsIdentity.create(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY,
            line.substring("x-amz-security-token:".length()));
      }
    }
    return AwsCredentialsIdentity.create(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY);
  }

  /** The string to sign of a canonical request, made from the suite's time and scope (Signature Version 4, task 2). */
  private static String stringToSign(String canonicalRequest) {
    try {
      return "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" + HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> headerLines(Request request) {
    final List<String> lines = new ArrayList<>();
    for (int i = 0; i < request.headers().size(); i++) {
      lines.add(request.headers().name(i).toLowerCase(Locale.ROOT) + ":" + request.headers().value(i));
    }
    return lines;
  }

  private static List<String> withoutAuthorization(List<String> lines) {
    return lines.stream().filter(line -> !line.startsWith("authorization:")).toList();
  }

  private static List<String> sorted(List<String> lines) {
    final List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }

  private static String decode(String text) {
    return HttpUrl.get("https://x/?" + text + "=").queryParameterName(0);
  }
}
