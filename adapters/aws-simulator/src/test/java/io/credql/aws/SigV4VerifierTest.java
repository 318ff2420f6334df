package io.credql.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The simulator's own Signature Version 4 check, held to AWS's published test suite: for every
 * case it makes the suite's canonical request and string to sign byte for byte, accepts the
 * suite's signature and refuses the request once a header, the body or the date is changed.
 */
class SigV4VerifierTest {
  private static final SigV4Verifier VERIFIER = new SigV4Verifier(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY,
      Set.of("us-east-1"), SigV4TestCase.CLOCK);

  static Stream<SigV4TestCase> cases() {
    return SigV4TestCase.all();
  }

  /** Cases signed with long-term keys only (the simulator issues no session tokens). */
  static Stream<SigV4TestCase> casesWithoutToken() {
    return SigV4TestCase.all().filter(c -> !c.signedRequest().contains("X-Amz-Security-Token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSimulatorMakesTheSuitesCanonicalRequestAndStringToSign(SigV4TestCase c) {
    final List<String> signedHeaders = Arrays.asList(field(c.authorization(), "SignedHeaders").split(";"));
    final String canonical = SigV4Verifier.canonicalRequest(received(c, headersWithToken(c)), signedHeaders);
    assertEquals(c.canonicalRequest(), canonical);
    final String stringToSign = SigV4Verifier.stringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request",
        canonical);
    assertEquals(c.stringToSign(), stringToSign);
    assertEquals(field(c.authorization(), "Signature"),
        SigV4Verifier.signature(SigV4TestCase.SECRET_KEY, "20150830/us-east-1/service/aws4_request", stringToSign));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithoutToken")
  void theSimulatorAcceptsEverySuiteRequestSignedAsAwsPublishes(SigV4TestCase c) {
    final SigV4Verifier.Verdict verdict = VERIFIER.verify(received(c, signedHeaders(c)), "service");
    assertNull(verdict.failure(), () -> verdict.failure().message());
    assertEquals(new SigV4Verifier.Signer(SigV4TestCase.ACCESS_KEY, "us-east-1"), verdict.signer());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithoutToken")
  void aSuiteRequestWithAChangedSignedHeaderIsRefusedAsNotMatching(SigV4TestCase c) {
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> header : signedHeaders(c)) {
      headers.add(header.getKey().equalsIgnoreCase("host")
          ? new AbstractMap.SimpleImmutableEntry<>(header.getKey(), "attacker.example.com") : header);
    }
    assertEquals(AuthFailure.MISMATCH, VERIFIER.verify(received(c, headers), "service").failure().message());
  }

  @Test
  void aChangedBodyIsRefused() {
    final SigV4TestCase post = SigV4TestCase.all().filter(c -> c.name().equals("post-x-www-form-urlencoded"))
        .findFirst().orElseThrow();
    final ReceivedRequest tampered = new ReceivedRequest(post.method(), post.path(), post.query(), signedHeaders(post),
        "Param1=value2".getBytes(StandardCharsets.UTF_8));
    final AuthFailure failure = VERIFIER.verify(tampered, "service").failure();
    assertNotNull(failure);
    assertEquals("SignatureDoesNotMatch", failure.queryCode());
    assertEquals("InvalidSignatureException", failure.jsonCode());
  }

  @Test
  void aRequestSignedLongerAgoThanFiveMinutesIsRefusedAsExpired() {
    final SigV4TestCase vanilla = vanilla();
    final SigV4Verifier later = new SigV4Verifier(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY, Set.of("us-east-1"),
        Clock.fixed(SigV4TestCase.TIME.plusSeconds(301), ZoneOffset.UTC));
    assertEquals("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)",
        later.verify(received(vanilla, signedHeaders(vanilla)), "service").failure().message());
  }

  @Test
  void aChangedDateIsRefused() {
    final SigV4TestCase vanilla = vanilla();
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> header : signedHeaders(vanilla)) {
      headers.add(header.getKey().equalsIgnoreCase("x-amz-date")
          ? new AbstractMap.SimpleImmutableEntry<>(header.getKey(), "20150830T123700Z") : header);
    }
    assertEquals(AuthFailure.MISMATCH, VERIFIER.verify(received(vanilla, headers), "service").failure().message());
  }

  @Test
  void aRequestWithoutAuthorizationOrWithAnIncompleteOneIsRefused() {
    final SigV4TestCase vanilla = vanilla();
    assertEquals(AuthFailure.Kind.MISSING_TOKEN, VERIFIER.verify(received(vanilla, vanilla.headers()), "service")
        .failure().kind());
    final List<Map.Entry<String, String>> headers = new ArrayList<>(vanilla.headers());
    headers.add(new AbstractMap.SimpleImmutableEntry<>("Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"));
    final AuthFailure failure = VERIFIER.verify(received(vanilla, headers), "service").failure();
    assertEquals("IncompleteSignature", failure.queryCode());
    assertEquals("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders'"
        + " parameter.", failure.message());
  }

  @Test
  void aSignatureForAnotherServiceOrRegionOrKeyIsRefused() {
    final SigV4TestCase vanilla = vanilla();
    assertEquals("Credential should be scoped to correct service: 'rds'. ",
        VERIFIER.verify(received(vanilla, signedHeaders(vanilla)), "rds").failure().message());
    final SigV4Verifier elsewhere = new SigV4Verifier(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY,
        Set.of("eu-west-1"), SigV4TestCase.CLOCK);
    assertEquals("Credential should be scoped to a valid region, not 'us-east-1'. ",
        elsewhere.verify(received(vanilla, signedHeaders(vanilla)), "service").failure().message());
    final SigV4Verifier otherKey = new SigV4Verifier("AKIDOTHER", SigV4TestCase.SECRET_KEY, Set.of("us-east-1"),
        SigV4TestCase.CLOCK);
    assertEquals("InvalidClientTokenId",
        otherKey.verify(received(vanilla, signedHeaders(vanilla)), "service").failure().queryCode());
  }

  @Test
  void aSuiteRequestSignedWithASessionTokenIsAcceptedOnlyWithTheTokenTheKeysWereIssuedWith() {
    final SigV4TestCase sts = SigV4TestCase.all().filter(c -> c.name().equals("post-sts-header-before"))
        .findFirst().orElseThrow();
    final ReceivedRequest request = received(sts, signedHeaders(sts));
    final SigV4Verifier temporary = new SigV4Verifier(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY,
        Set.of("us-east-1"), SigV4TestCase.CLOCK, SigV4TestCase.STS_TOKEN);
    assertNull(temporary.verify(request, "service").failure());
    final SigV4Verifier otherToken = new SigV4Verifier(SigV4TestCase.ACCESS_KEY, SigV4TestCase.SECRET_KEY,
        Set.of("us-east-1"), SigV4TestCase.CLOCK, "another-token");
    assertEquals("The security token included in the request is invalid.",
        otherToken.verify(request, "service").failure().message());
    assertEquals("The security token included in the request is invalid.",
        VERIFIER.verify(request, "service").failure().message());
  }

  private static SigV4TestCase vanilla() {
    return SigV4TestCase.all().filter(c -> c.name().equals("get-vanilla")).findFirst().orElseThrow();
  }

  /** The case's request headers, with the session token its signed request carries when the .req lacks it. */
  private static List<Map.Entry<String, String>> headersWithToken(SigV4TestCase c) {
    final List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
    final boolean hasToken = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("x-amz-security-token"));
    for (String line : c.signedRequestHeaders()) {
      if (!hasToken && line.startsWith("x-amz-security-token:")) {
        headers.add(new AbstractMap.SimpleImmutableEntry<>("X-Amz-Security-Token",
            line.substring("x-amz-security-token:".length())));
      }
    }
    return headers;
  }

  /** The case's request with its Authorization header, as the suite's .sreq has it. */
  private static List<Map.Entry<String, String>> signedHeaders(SigV4TestCase c) {
    final List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
    headers.add(new AbstractMap.SimpleImmutableEntry<>("Authorization", c.authorization()));
    return headers;
  }

  private static ReceivedRequest received(SigV4TestCase c, List<Map.Entry<String, String>> headers) {
    return new ReceivedRequest(c.method(), c.path(), c.query(), headers, c.body());
  }

  private static String field(String authorization, String name) {
    for (String part : authorization.substring(SigV4Verifier.ALGORITHM.length() + 1).split(",")) {
      final String[] pair = part.trim().split("=", 2);
      if (pair[0].equals(name)) {
        return pair[1];
      }
    }
    throw new AssertionError(name + " not in " + authorization);
  }
}
