package io.credql.huaweicloud;

import io.credql.error.MissingCredentialException;
import io.credql.spi.RecordingAuthContext;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What credql puts on a Huawei Cloud request: the date, the host and the AK/SK signature. */
class AkSkAuthSchemeTest {
  private static final Clock NOVEMBER_15 = Clock.fixed(Instant.parse("2019-11-15T03:36:55Z"), ZoneOffset.UTC);
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

  /** An environment holding {@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK}. */
  private static RecordingAuthContext keys(String accessKey, String secretKey) {
    return new RecordingAuthContext("huaweicloud").set(AkSkAuthScheme.DEFAULT_AK_VARIABLE, accessKey)
        .set(AkSkAuthScheme.DEFAULT_SK_VARIABLE, secretKey);
  }

  private static AkSkAuthScheme scheme(RecordingAuthContext keys) {
    return new AkSkAuthScheme(keys, AkSkAuthScheme.DEFAULT_AK_VARIABLE, AkSkAuthScheme.DEFAULT_SK_VARIABLE,
        NOVEMBER_15);
  }

  @Test void aListingIsSignedOverHostAndDateAtTheClocksTime() throws Exception {
    final Request signed = scheme(keys("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"))
        .authenticate(new Request.Builder()
            .url("https://rds.ap-southeast-1.myhuaweicloud.com/v3/0483b6b16e954cb88930a360d2c4e663/instances?limit=2")
            .build());
    assertEquals("20191115T033655Z", signed.header("X-Sdk-Date"));
    assertEquals("rds.ap-southeast-1.myhuaweicloud.com", signed.header("Host"));
    final Matcher authorization = AUTHORIZATION.matcher(signed.header("Authorization"));
    assertTrue(authorization.matches(), signed.header("Authorization"));
    assertEquals("QTWAOYTTINDUT2QVKYUC", authorization.group(1));
    assertEquals("host;x-sdk-date", authorization.group(2));
    final SdkHmacSha256Signer.SignableRequest signable = new SdkHmacSha256Signer.SignableRequest("GET",
        "/v3/0483b6b16e954cb88930a360d2c4e663/instances",
        List.of(Map.entry("limit", "2")),
        Map.of("Host", "rds.ap-southeast-1.myhuaweicloud.com", "X-Sdk-Date", "20191115T033655Z"),
        SdkHmacSha256Signer.EMPTY_BODY_SHA256);
    assertEquals(SdkHmacSha256Signer.sign(signable, List.of("host", "x-sdk-date"),
        "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"), authorization.group(3));
  }

  @Test void aResetSignsItsJsonBodyAndContentType() throws Exception {
    final byte[] body = "{\"db_user_pwd\":\"Test_2345674\"}".getBytes(StandardCharsets.UTF_8);
    final Request signed = scheme(keys("AK", "SK")).authenticate(new Request.Builder()
        .url("https://rds.ap-southeast-1.myhuaweicloud.com/v3/p/instances/i/password")
        .post(RequestBody.create(body, MediaType.get("application/json")))
        .build());
    assertEquals("application/json", signed.header("Content-Type"));
    final Matcher authorization = AUTHORIZATION.matcher(signed.header("Authorization"));
    assertTrue(authorization.matches());
    assertEquals("content-type;host;x-sdk-date", authorization.group(2));
    final Buffer sent = new Buffer();
    signed.body().writeTo(sent);
    final SdkHmacSha256Signer.SignableRequest signable = new SdkHmacSha256Signer.SignableRequest("POST",
        "/v3/p/instances/i/password", List.of(),
        Map.of("Host", "rds.ap-southeast-1.myhuaweicloud.com", "X-Sdk-Date", "20191115T033655Z",
            "Content-Type", "application/json"),
        SdkHmacSha256Signer.sha256Hex(sent.readByteArray()));
    assertEquals(SdkHmacSha256Signer.sign(signable, List.of("content-type", "host", "x-sdk-date"), "SK"),
        authorization.group(3));
  }

  @Test void aLoopbackSimulatorsHostHeaderCarriesItsPort() throws Exception {
    final Request signed = scheme(keys("AK", "SK"))
        .authenticate(new Request.Builder().url("http://127.0.0.1:18443/gaussdb/v3/p/instances").build());
    assertEquals("127.0.0.1:18443", signed.header("Host"));
  }

  @Test void bothKeysAreRegisteredAsSecretsSoTheyAreMaskedEverywhere() throws Exception {
    final RecordingAuthContext keys = keys("THE-ACCESS-KEY", "the-secret-key");
    scheme(keys).authenticate(new Request.Builder().url("https://rds.x.myhuaweicloud.com/v3/p/instances").build());
    assertTrue(keys.secrets().containsAll(List.of("THE-ACCESS-KEY", "the-secret-key")));
  }

  @Test void aMissingSecretKeyVariableIsNamedAndNoSignatureIsMade() {
    final RecordingAuthContext onlyAccessKey = new RecordingAuthContext("huaweicloud")
        .set(AkSkAuthScheme.DEFAULT_AK_VARIABLE, "AK");
    final MissingCredentialException e = assertThrows(MissingCredentialException.class,
        () -> scheme(onlyAccessKey).authenticate(
            new Request.Builder().url("https://rds.x.myhuaweicloud.com/v3/p/instances").build()));
    assertTrue(e.getMessage().contains("HUAWEICLOUD_SDK_SK"), e.getMessage());
  }

  @Test void theFactoryReadsTheVariablesTheDocumentNames() throws Exception {
    final com.fasterxml.jackson.databind.JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"type\":\"huaweicloud_aksk\",\"akenvvar\":\"MY_AK\",\"skenvvar\":\"MY_SK\"}");
    final RecordingAuthContext keys = new RecordingAuthContext("huaweicloud").set("MY_AK", "OTHER-AK")
        .set("MY_SK", "other-sk");
    final Request signed = new AkSkAuthScheme.Factory().create(config, keys)
        .authenticate(new Request.Builder().url("https://rds.x.myhuaweicloud.com/v3/p/instances").build());
    assertTrue(signed.header("Authorization").contains("Access=OTHER-AK,"), signed.header("Authorization"));
    assertFalse(signed.header("Authorization").contains("other-sk"));
    assertEquals("huaweicloud_aksk", new AkSkAuthScheme.Factory().type());
  }
}
