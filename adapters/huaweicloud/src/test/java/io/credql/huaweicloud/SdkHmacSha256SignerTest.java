package io.credql.huaweicloud;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The signature algorithm reproduces, byte for byte, the vectors Huawei publishes in its API
 * Request Signing Guide and the Go SDK's signer tests (provider-apis §4.1).
 */
class SdkHmacSha256SignerTest {
  private static Map.Entry<String, String> parameter(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  /** The signing guide's request: GET .../vpcs?limit=2&marker=..., content-type, host and date signed. */
  private static final SdkHmacSha256Signer.SignableRequest GUIDE_REQUEST = new SdkHmacSha256Signer.SignableRequest(
      "GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
      List.of(parameter("marker", "13551d6b-755d-4757-b956-536f674975c0"), parameter("limit", "2")),
      Map.of("Content-Type", "application/json", "Host", "service.region.example.com",
          "X-Sdk-Date", "20191115T033655Z"),
      SdkHmacSha256Signer.EMPTY_BODY_SHA256);
  private static final List<String> GUIDE_SIGNED_HEADERS = List.of("content-type", "host", "x-sdk-date");

  @Test void theGuidesCanonicalRequestIsReproducedExactly() {
    assertEquals("GET\n"
        + "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\n"
        + "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n"
        + "content-type:application/json\n"
        + "host:service.region.example.com\n"
        + "x-sdk-date:20191115T033655Z\n"
        + "\n"
        + "content-type;host;x-sdk-date\n"
        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        SdkHmacSha256Signer.canonicalRequest(GUIDE_REQUEST, GUIDE_SIGNED_HEADERS));
  }

  @Test void theGuidesStringToSignIsReproducedExactly() {
    assertEquals("SDK-HMAC-SHA256\n20191115T033655Z\n"
        + "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
        SdkHmacSha256Signer.stringToSign("20191115T033655Z",
            SdkHmacSha256Signer.canonicalRequest(GUIDE_REQUEST, GUIDE_SIGNED_HEADERS)));
  }

  @Test void theGuidesSignatureAndAuthorizationHeaderAreReproducedExactly() {
    final String signature = SdkHmacSha256Signer.sign(GUIDE_REQUEST, GUIDE_SIGNED_HEADERS,
        "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    assertEquals("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe", signature);
    assertEquals("SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
        + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
        SdkHmacSha256Signer.authorization("QTWAOYTTINDUT2QVKYUC", GUIDE_SIGNED_HEADERS, signature));
  }

  @Test void theGoSdksGetVectorSigningOnlyTheDateIsReproduced() {
    final SdkHmacSha256Signer.SignableRequest request = new SdkHmacSha256Signer.SignableRequest("GET", "/path",
        List.of(parameter("limit", "1")),
        Map.of("X-Sdk-Date", "20060102T150405Z", "Host", "example.huaweicloud.com", "TEST_UNDERSCORE", "ignored"),
        SdkHmacSha256Signer.EMPTY_BODY_SHA256);
    final String signature = SdkHmacSha256Signer.sign(request, List.of("x-sdk-date"), "SecretKey");
    assertEquals("SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, "
        + "Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
        SdkHmacSha256Signer.authorization("AccessKey", List.of("x-sdk-date"), signature));
  }

  @Test void theGoSdksPostVectorHashesTheBodyWithItsTrailingNewline() {
    final byte[] body = "{\"Name\":\"test\",\"Id\":1}\n".getBytes(StandardCharsets.UTF_8);
    final SdkHmacSha256Signer.SignableRequest request = new SdkHmacSha256Signer.SignableRequest("POST", "/path",
        List.of(parameter("key", "value")),
        Map.of("X-Sdk-Date", "20060102T150405Z", "Content-Type", "application/json"),
        SdkHmacSha256Signer.sha256Hex(body));
    assertEquals("cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
        SdkHmacSha256Signer.sign(request, List.of("x-sdk-date"), "SecretKey"));
  }

  @Test void theGoSdksCanonicalQueryVectorSortsRepeatsAndEncodesUnicode() {
    assertEquals("enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123"
        + "&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
        SdkHmacSha256Signer.canonicalQueryString(List.of(
            parameter("limit", "1"), parameter("enable", "true"), parameter("test", "一 (&=?!#%.*)"),
            parameter("path", "/tmp/123"), parameter("multi", "3"), parameter("multi", "1"),
            parameter("multi", "2"))));
  }

  @Test void theCanonicalUriEncodesEachSegmentAndEndsWithASlash() {
    assertEquals("/", SdkHmacSha256Signer.canonicalUri(""));
    assertEquals("/", SdkHmacSha256Signer.canonicalUri("/"));
    assertEquals("/v3/p/instances/", SdkHmacSha256Signer.canonicalUri("/v3/p/instances"));
    assertEquals("/v3/p/instances/", SdkHmacSha256Signer.canonicalUri("/v3/p/instances/"));
    assertEquals("/a%20b/%E4%B8%80/~x/", SdkHmacSha256Signer.canonicalUri("/a%20b/%E4%B8%80/~x"));
  }

  @Test void signedHeaderNamesAreLowerCasedAndSortedAndValuesTrimmed() {
    final SdkHmacSha256Signer.SignableRequest request = new SdkHmacSha256Signer.SignableRequest("get", "/x",
        List.of(), Map.of("X-SDK-DATE", " 20060102T150405Z ", "host", "h"), SdkHmacSha256Signer.EMPTY_BODY_SHA256);
    assertEquals("GET\n/x/\n\nhost:h\nx-sdk-date:20060102T150405Z\n\nhost;x-sdk-date\n"
        + SdkHmacSha256Signer.EMPTY_BODY_SHA256,
        SdkHmacSha256Signer.canonicalRequest(request, List.of("X-Sdk-Date", "Host")));
  }
}
