package io.credql.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.credql.sandbox.JsonBody;
import io.credql.sandbox.SimulatedApiTransformer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension answering every request to the simulator as AWS's endpoints do: Secrets
 * Manager under {@code /secretsmanager} (JSON 1.1: {@code POST} with {@code X-Amz-Target}), RDS
 * under {@code /rds} (Query: {@code Action} and {@code Version} in the query or a form body).
 * Every request's Signature Version 4 is checked first; the region it is signed for picks the
 * region's resources, as the regional endpoint would.
 */
final class AwsApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "aws-api";
  static final String SECRETS_MANAGER_PATH = "/secretsmanager";
  static final String RDS_PATH = "/rds";
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigV4Verifier verifier;
  private final SecretsManagerApi secretsManager;
  private final RdsQueryApi rds;

  AwsApiTransformer(SigV4Verifier verifier, SecretsManagerApi secretsManager, RdsQueryApi rds) {
    super(NAME);
    this.verifier = requireNonNull(verifier, "verifier");
    this.secretsManager = requireNonNull(secretsManager, "secretsManager");
    this.rds = requireNonNull(rds, "rds");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final ReceivedRequest request = ReceivedRequest.of(serveEvent.getRequest());
    final String requestId = UUID.randomUUID().toString();
    if (under(request.rawPath(), SECRETS_MANAGER_PATH)) {
      return secretsManager(request, requestId);
    }
    if (under(request.rawPath(), RDS_PATH)) {
      return rds(request, requestId);
    }
    return new ResponseDefinitionBuilder().withStatus(404).withHeader("Content-Type", "text/plain")
        .withBody("no AWS service is simulated at " + request.rawPath() + "; Secrets Manager is at "
            + SECRETS_MANAGER_PATH + ", RDS at " + RDS_PATH).build();
  }

  private ResponseDefinition secretsManager(ReceivedRequest request, String requestId) {
    final SigV4Verifier.Verdict verdict = verifier.verify(request, "secretsmanager");
    if (verdict.failure() != null) {
      return json(verdict.failure().status(), error(verdict.failure().jsonCode(), verdict.failure().message()), requestId);
    }
    final String target = request.header("X-Amz-Target");
    final String operation = target != null && target.startsWith(SecretsManagerApi.TARGET_PREFIX)
        ? target.substring(SecretsManagerApi.TARGET_PREFIX.length()) : null;
    final String rest = request.rawPath().substring(SECRETS_MANAGER_PATH.length());
    // AWS routes JSON requests by X-Amz-Target and posts them to /; StackQL's registry documents
    // post to /<Operation>, which is accepted when it names the same operation
    final boolean pathFits = rest.isEmpty() || rest.equals("/") || operation != null && rest.equals("/" + operation);
    if (!"POST".equals(request.method()) || operation == null || !SecretsManagerApi.serves(operation) || !pathFits) {
      return json(400, error("UnknownOperationException", null), requestId);
    }
    final String contentType = request.header("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(JSON_11)) {
      return json(400, error("SerializationException", "Secrets Manager reads " + JSON_11 + " bodies, not "
          + contentType), requestId);
    }
    final JsonNode input;
    try {
      input = request.body().length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(request.body());
    } catch (JsonProcessingException e) {
      return json(400, error("SerializationException", "The request body is not valid JSON."), requestId);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (!input.isObject()) {
      return json(400, error("SerializationException", "Start of structure or map expected."), requestId);
    }
    try {
      return json(200, secretsManager.call(signer(verdict).region(), operation, input), requestId);
    } catch (AwsServiceError e) {
      return json(e.status, error(e.code, e.getMessage()), requestId);
    }
  }

  private ResponseDefinition rds(ReceivedRequest request, String requestId) {
    final SigV4Verifier.Verdict verdict = verifier.verify(request, "rds");
    if (verdict.failure() != null) {
      return xml(verdict.failure().status(), RdsQueryApi.error(new AwsServiceError(verdict.failure().status(),
          verdict.failure().queryCode(), verdict.failure().message()), requestId), requestId);
    }
    final Map<String, String> parameters = new LinkedHashMap<>(form(request.rawQuery()));
    final String contentType = request.header("Content-Type");
    if ("POST".equals(request.method()) && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      parameters.putAll(form(new String(request.body(), StandardCharsets.UTF_8)));
    }
    try {
      return xml(200, rds.call(signer(verdict).region(), parameters, requestId), requestId);
    } catch (AwsServiceError e) {
      return xml(e.status, RdsQueryApi.error(e, requestId), requestId);
    }
  }

  /** {@code a=1&b=2} as a map, {@code +} and {@code %XY} decoded as forms are. */
  static Map<String, String> form(@Nullable String text) {
    final Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return values;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int equals = pair.indexOf('=');
      final String name = equals < 0 ? pair : pair.substring(0, equals);
      final String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(SigV4Verifier.percentDecode(name.replace('+', ' ')), SigV4Verifier.percentDecode(value.replace('+', ' ')));
    }
    return values;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** The signer of a request whose verdict has no failure: the verifier gives one or the other. */
  private static SigV4Verifier.Signer signer(SigV4Verifier.Verdict verdict) {
    return requireNonNull(verdict.signer(), "signer");
  }

  private static ObjectNode error(String code, @Nullable String message) {
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", code);
    if (message != null) {
      body.put("message", message);
    }
    return body;
  }

  private static ResponseDefinition json(int status, JsonNode body, String requestId) {
    final ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(status)
        .withHeader("Content-Type", JSON_11)
        .withHeader("x-amzn-RequestId", requestId)
        .withBody(JsonBody.of(body));
    if (status >= 400 && body.has("__type")) {
      response.withHeader("x-amzn-ErrorType", body.get("__type").asText());
    }
    return response.build();
  }

  private static ResponseDefinition xml(int status, String body, String requestId) {
    return new ResponseDefinitionBuilder().withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", requestId)
        .withBody(body).build();
  }
}
