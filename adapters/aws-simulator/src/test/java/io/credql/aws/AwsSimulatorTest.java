package io.credql.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS simulator as a client sees it: requests signed by credql's signer are served, a
 * request changed after signing or signed too long ago is refused with AWS's error, and RDS and
 * Secrets Manager answer, page and refuse as their API references say.
 */
class AwsSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = AwsDataset.DEMO_REGION;

  // one simulator for the class (starting one takes a while); each test changing state changes its own resources
  private static AwsSimulator simulator;
  private static SignedClient client;

  @BeforeAll
  static void start() {
    simulator = AwsSimulator.builder().accessKey("AKIATESTSIMULATOR001").secretKey("test/secret+key")
        .extraInstances(45).build().start();
    client = new SignedClient(simulator, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void aRequestSignedByCredqlReadsTheSecret() throws Exception {
    final SignedClient.Answer answer = client.secretsManager(REGION, "GetSecretValue",
        "{\"SecretId\": \"prod/orders-db/master\"}");
    assertEquals(200, answer.status(), answer.body());
    final JsonNode body = JSON.readTree(answer.body());
    assertEquals("prod/orders-db/master", body.get("Name").asText());
    assertTrue(body.get("SecretString").asText().contains("Initial-Orders-2025"));
    assertEquals("[\"AWSCURRENT\"]", body.get("VersionStages").toString());
  }

  @Test
  void aSignedHeaderChangedAfterSigningIsRefusedAndNothingChanges() throws Exception {
    final SignedClient.Answer answer = client.secretsManager(REGION, "GetSecretValue",
        "{\"SecretId\": \"prod/orders-db/master\"}",
        signed -> signed.newBuilder().header("X-Amz-Target", "secretsmanager.PutSecretValue").build());
    assertEquals(403, answer.status());
    assertEquals("InvalidSignatureException", JSON.readTree(answer.body()).get("__type").asText());
  }

  @Test
  void aBodyChangedAfterSigningIsRefusedAndTheSecretKeepsItsValue() throws Exception {
    final String before = simulator.currentSecretValue(REGION, AwsDataset.DEMO_SECRET).orElseThrow();
    final SignedClient.Answer answer = client.secretsManager(REGION, "PutSecretValue",
        "{\"SecretId\": \"prod/orders-db/master\", \"SecretString\": \"mine\"}",
        signed -> signed.newBuilder().post(RequestBody.create(
            "{\"SecretId\": \"prod/orders-db/master\", \"SecretString\": \"theirs\"}", SignedClient.JSON_11)).build());
    assertEquals(403, answer.status());
    final JsonNode error = JSON.readTree(answer.body());
    assertEquals("InvalidSignatureException", error.get("__type").asText());
    assertEquals(AuthFailure.MISMATCH, error.get("message").asText());
    assertEquals(before, simulator.currentSecretValue(REGION, AwsDataset.DEMO_SECRET).orElseThrow());
  }

  @Test
  void aRequestSignedTenMinutesAgoIsRefusedAsExpired() throws Exception {
    final SignedClient late = new SignedClient(simulator, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    final SignedClient.Answer answer = late.secretsManager(REGION, "ListSecrets", "{}");
    assertEquals(403, answer.status());
    assertTrue(JSON.readTree(answer.body()).get("message").asText().startsWith("Signature expired: "), answer.body());
  }

  @Test
  void rdsPagesDbInstancesWithItsMarker() {
    final Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("Action", "DescribeDBInstances");
    parameters.put("MaxRecords", "20");
    int pages = 0;
    int instances = 0;
    String marker = null;
    do {
      if (marker != null) {
        parameters.put("Marker", marker);
      }
      final SignedClient.Answer answer = client.rds(REGION, parameters);
      assertEquals(200, answer.status(), answer.body());
      instances += count(answer.body(), "<DBInstance>");
      marker = first(answer.body(), "<Marker>([^<]+)</Marker>");
      pages++;
    } while (marker != null);
    assertEquals(3, pages);
    assertEquals(5 + 45, instances, "the demo region's five instances and the 45 added");
  }

  @Test
  void rdsRefusesAPasswordWithASlashAndKeepsTheOldOne() {
    final SignedClient.Answer answer = client.rds(REGION, Map.of("Action", "ModifyDBInstance",
        "DBInstanceIdentifier", AwsDataset.DEMO_INSTANCE, "MasterUserPassword", "short/1"));
    assertEquals(400, answer.status());
    assertEquals("InvalidParameterValue", first(answer.body(), "<Code>([^<]+)</Code>"));
    assertTrue(answer.body().contains("at least 8 characters"), answer.body());
    assertTrue(answer.body().contains("may not contain '/'"), answer.body());
    assertFalse(answer.body().contains("short/1"), "the error never repeats the password");
    assertEquals("Initial-Orders-2025", simulator.instancePassword(REGION, AwsDataset.DEMO_INSTANCE));
  }

  @Test
  void rdsChangesTheMasterPasswordAndShowsItPendingOnce() {
    final SignedClient.Answer answer = client.rds(REGION, Map.of("Action", "ModifyDBInstance",
        "DBInstanceIdentifier", "billing-mysql", "MasterUserPassword", "New-Billing-Pass-42",
        "ApplyImmediately", "true"));
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.body().contains("<MasterUserPassword>****</MasterUserPassword>"), answer.body());
    assertEquals("New-Billing-Pass-42", simulator.instancePassword(REGION, "billing-mysql"));
    final SignedClient.Answer after = client.rds(REGION, Map.of("Action", "DescribeDBInstances",
        "DBInstanceIdentifier", "billing-mysql"));
    assertFalse(after.body().contains("<MasterUserPassword>"), "applied by the next answer");
  }

  @Test
  void rdsAnswersUnknownInstancesBusyInstancesAndClusterMembersWithItsCodes() {
    assertEquals("DBInstanceNotFound", code(client.rds(REGION, Map.of("Action", "DescribeDBInstances",
        "DBInstanceIdentifier", "nope"))));
    assertEquals("InvalidDBInstanceState", code(client.rds(REGION, Map.of("Action", "ModifyDBInstance",
        "DBInstanceIdentifier", AwsDataset.BUSY_INSTANCE, "MasterUserPassword", "Valid-Password-1"))));
    assertEquals("InvalidParameterCombination", code(client.rds(REGION, Map.of("Action", "ModifyDBInstance",
        "DBInstanceIdentifier", AwsDataset.DEMO_CLUSTER + "-instance-1", "MasterUserPassword", "Valid-Password-1"))));
    assertEquals("InvalidParameterValue", code(client.rds(REGION, Map.of("Action", "DescribeDBInstances",
        "MaxRecords", "5"))));
    assertEquals("InvalidAction", code(client.rds(REGION, Map.of("Action", "DeleteDBInstance"))));
  }

  @Test
  void rdsManagedPasswordLivesInSecretsManagerAndRotatesThere() throws Exception {
    final SignedClient.Answer managed = client.rds(REGION, Map.of("Action", "ModifyDBCluster",
        "DBClusterIdentifier", AwsDataset.DEMO_CLUSTER, "ManageMasterUserPassword", "true", "ApplyImmediately", "true"));
    assertEquals(200, managed.status(), managed.body());
    final String secretArn = first(managed.body(), "<SecretArn>([^<]+)</SecretArn>");
    final String generated = JSON.readTree(simulator.currentSecretValue(REGION, secretArn).orElseThrow())
        .get("password").asText();
    assertEquals(generated, simulator.clusterPassword(REGION, AwsDataset.DEMO_CLUSTER));

    final SignedClient.Answer rotated = client.rds(REGION, Map.of("Action", "ModifyDBCluster",
        "DBClusterIdentifier", AwsDataset.DEMO_CLUSTER, "RotateMasterUserPassword", "true", "ApplyImmediately", "true"));
    assertEquals(200, rotated.status(), rotated.body());
    final String next = JSON.readTree(simulator.currentSecretValue(REGION, secretArn).orElseThrow()).get("password").asText();
    assertNotEquals(generated, next);
    assertEquals(next, simulator.clusterPassword(REGION, AwsDataset.DEMO_CLUSTER));
  }

  @Test
  void putSecretValueMakesANewCurrentVersionAndTheOldOnePrevious() throws Exception {
    final String token = "0b7f9a3e-5c1d-4e2f-8a6b-1234567890ab";
    final String put = "{\"SecretId\": \"prod/billing-mysql/master\", \"ClientRequestToken\": \"" + token + "\","
        + " \"SecretString\": \"{\\\"password\\\": \\\"Next-1\\\"}\"}";
    assertEquals(200, client.secretsManager(REGION, "PutSecretValue", put).status());
    // the same request again is answered without a second version
    assertEquals(200, client.secretsManager(REGION, "PutSecretValue", put).status());
    assertEquals(2, simulator.secretVersionCount(REGION, "prod/billing-mysql/master"));
    final JsonNode previous = JSON.readTree(client.secretsManager(REGION, "GetSecretValue",
        "{\"SecretId\": \"prod/billing-mysql/master\", \"VersionStage\": \"AWSPREVIOUS\"}").body());
    assertTrue(previous.get("SecretString").asText().contains("Initial-Billing-2025"));
    final SignedClient.Answer conflict = client.secretsManager(REGION, "PutSecretValue",
        put.replace("Next-1", "Other"));
    assertEquals("ResourceExistsException", JSON.readTree(conflict.body()).get("__type").asText());
  }

  @Test
  void secretsManagerAnswersUnknownSecretsAndStageMovesWithItsCodes() throws Exception {
    final String eu = AwsDataset.OTHER_REGION;
    assertEquals("ResourceNotFoundException", type(client.secretsManager(eu, "DescribeSecret", "{\"SecretId\": \"nope\"}")));
    final String secret = "\"SecretId\": \"prod/eu-orders-db/master\"";
    final String current = JSON.readTree(client.secretsManager(eu, "DescribeSecret", "{" + secret + "}").body())
        .get("VersionIdsToStages").fieldNames().next();
    final String staged = JSON.readTree(client.secretsManager(eu, "PutSecretValue",
        "{" + secret + ", \"SecretString\": \"{}\", \"VersionStages\": [\"STAGED\"]}").body()).get("VersionId").asText();
    assertEquals("ResourceNotFoundException", type(client.secretsManager(eu, "UpdateSecretVersionStage",
        "{" + secret + ", \"VersionStage\": \"AWSCURRENT\", \"MoveToVersionId\": \"no-such-version\"}")));
    assertEquals("InvalidParameterException", type(client.secretsManager(eu, "UpdateSecretVersionStage",
        "{" + secret + ", \"VersionStage\": \"AWSCURRENT\", \"MoveToVersionId\": \"" + staged + "\"}")));
    assertEquals(200, client.secretsManager(eu, "UpdateSecretVersionStage", "{" + secret
        + ", \"VersionStage\": \"AWSCURRENT\", \"MoveToVersionId\": \"" + staged + "\", \"RemoveFromVersionId\": \""
        + current + "\"}").status());
    final JsonNode stages = JSON.readTree(client.secretsManager(eu, "DescribeSecret", "{" + secret + "}").body())
        .get("VersionIdsToStages");
    assertEquals("[\"AWSPREVIOUS\"]", stages.get(current).toString());
    assertEquals("[\"STAGED\",\"AWSCURRENT\"]", stages.get(staged).toString());
    assertEquals("InvalidRequestException", type(client.secretsManager(eu, "RotateSecret", "{" + secret + "}")));
    assertEquals("UnknownOperationException", type(client.secretsManager(eu, "DeleteSecret", "{" + secret + "}")));
  }

  private static String type(SignedClient.Answer answer) throws Exception {
    return JSON.readTree(answer.body()).get("__type").asText();
  }

  @Test
  void eachRegionHasItsOwnResourcesAndUnknownRegionsAreRefused() {
    final SignedClient.Answer eu = client.rds(AwsDataset.OTHER_REGION, Map.of("Action", "DescribeDBInstances"));
    assertEquals(List.of("eu-orders-db"), all(eu.body(), "<DBInstanceIdentifier>([^<]+)</DBInstanceIdentifier>"));
    final SignedClient.Answer mars = client.rds("mars-north-1", Map.of("Action", "DescribeDBInstances"));
    assertEquals(403, mars.status());
    assertEquals("SignatureDoesNotMatch", code(mars));
  }

  private static String code(SignedClient.Answer answer) {
    return first(answer.body(), "<Code>([^<]+)</Code>");
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  private static String first(String text, String regex) {
    final Matcher matcher = Pattern.compile(regex).matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static List<String> all(String text, String regex) {
    final Matcher matcher = Pattern.compile(regex).matcher(text);
    final java.util.ArrayList<String> found = new java.util.ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
