package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import io.credql.spi.RequestAsSent;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Huawei Cloud's AK/SK authentication: every request is signed with {@code SDK-HMAC-SHA256}
 * (provider-apis §4.1) using the access key and secret key from the environment, signing
 * {@code Content-Type} (when there is a body), {@code Host} and {@code X-Sdk-Date}. Runs on every
 * attempt, so each retry carries a fresh date.
 */
public final class AkSkAuthScheme implements AuthScheme {
  /** Where the keys are read from unless the provider's auth config names other variables. */
  public static final String DEFAULT_AK_VARIABLE = "HUAWEICLOUD_SDK_AK";
  public static final String DEFAULT_SK_VARIABLE = "HUAWEICLOUD_SDK_SK";

  private final AuthContext context;
  private final String accessKeyVariable;
  private final String secretKeyVariable;
  private final Clock clock;

  /** Signs with the keys in {@code accessKeyVariable} and {@code secretKeyVariable}, dated by {@code clock}. */
  public AkSkAuthScheme(AuthContext context, String accessKeyVariable, String secretKeyVariable, Clock clock) {
    this.context = requireNonNull(context, "context");
    this.accessKeyVariable = requireNonNull(accessKeyVariable, "accessKeyVariable");
    this.secretKeyVariable = requireNonNull(secretKeyVariable, "secretKeyVariable");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public Request authenticate(Request request) throws IOException, CredqlException {
    final String accessKey = context.requireSecret(accessKeyVariable);
    final String secretKey = context.requireSecret(secretKeyVariable);
    final RequestAsSent sent = RequestAsSent.of(request);
    final Request unsigned = sent.request().newBuilder()
        .header(SdkHmacSha256Signer.DATE_HEADER, SdkHmacSha256Signer.DATE_FORMAT.format(clock.instant()))
        .build();
    final List<String> signedHeaders = new ArrayList<>(List.of("host", "x-sdk-date"));
    final RequestBody requestBody = request.body();
    if (requestBody != null && requestBody.contentType() != null) {
      signedHeaders.add("content-type");
    }
    final byte[] body = sent.body();
    final String signature = SdkHmacSha256Signer.sign(signable(unsigned, body), signedHeaders, secretKey);
    return unsigned.newBuilder()
        .header("Authorization", SdkHmacSha256Signer.authorization(accessKey, signedHeaders, signature))
        .build();
  }

  /** What the signature of {@code request} with {@code body} covers. */
  static SdkHmacSha256Signer.SignableRequest signable(Request request, byte[] body) {
    final HttpUrl url = request.url();
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      final String value = url.queryParameterValue(i);
      query.add(new AbstractMap.SimpleImmutableEntry<>(url.queryParameterName(i), value == null ? "" : value));
    }
    final Map<String, String> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      headers.put(name, String.join(",", request.headers(name)));
    }
    final String contentSha256 = request.header(SdkHmacSha256Signer.CONTENT_SHA256_HEADER);
    return new SdkHmacSha256Signer.SignableRequest(request.method(), url.encodedPath(), query, headers,
        contentSha256 != null ? contentSha256 : SdkHmacSha256Signer.sha256Hex(body));
  }

  /**
   * Factory of {@code type: huaweicloud_aksk}; {@code akenvvar} and {@code skenvvar} name the
   * variables holding the keys ({@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK} by default).
   */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "huaweicloud_aksk";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) {
      return new AkSkAuthScheme(context, config.path("akenvvar").asText(DEFAULT_AK_VARIABLE),
          config.path("skenvvar").asText(DEFAULT_SK_VARIABLE), Clock.systemUTC());
    }
  }
}
