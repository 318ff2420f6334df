package io.credql.aws;

import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sends requests to an {@link AwsSimulator} signed by credql's signer, optionally changed after
 * signing (a tampered header, body or date), and reads the answer.
 */
final class SignedClient {
  static final MediaType JSON_11 = MediaType.get("application/x-amz-json-1.1");
  private static final OkHttpClient HTTP = new OkHttpClient();

  /** An answer: status and body text. */
  record Answer(int status, String body) {
  }

  private final AwsSimulator simulator;
  private final Clock clock;

  SignedClient(AwsSimulator simulator, Clock clock) {
    this.simulator = simulator;
    this.clock = clock;
  }

  /** A Secrets Manager call, signed for {@code region}, changed by {@code afterSigning}. */
  Answer secretsManager(String region, String operation, String json, UnaryOperator<Request> afterSigning) {
    final Request request = new Request.Builder().url(simulator.secretsManagerBaseUrl() + "/")
        .header("X-Amz-Target", "secretsmanager." + operation)
        .post(RequestBody.create(json, JSON_11)).build();
    return send(request, new AwsSigningScope(region, "secretsmanager"), afterSigning);
  }

  Answer secretsManager(String region, String operation, String json) {
    return secretsManager(region, operation, json, UnaryOperator.identity());
  }

  /** An RDS Query call posted as a form, signed for {@code region}. */
  Answer rds(String region, Map<String, String> parameters) {
    final FormBody.Builder form = new FormBody.Builder().add("Version", RdsQueryApi.VERSION);
    parameters.forEach(form::add);
    final Request request = new Request.Builder().url(simulator.rdsBaseUrl() + "/").post(form.build()).build();
    return send(request, new AwsSigningScope(region, "rds"), UnaryOperator.identity());
  }

  Answer send(Request request, AwsSigningScope scope, UnaryOperator<Request> afterSigning) {
    try {
      final Request signed = AwsSigV4AuthScheme.signed(request,
          AwsCredentialsIdentity.create(simulator.accessKey(), simulator.secretKey()), scope, clock);
      try (Response response = HTTP.newCall(afterSigning.apply(signed)).execute()) {
        return new Answer(response.code(), response.body().string());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
