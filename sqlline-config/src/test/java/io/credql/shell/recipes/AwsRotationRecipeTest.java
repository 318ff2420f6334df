package io.credql.shell.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS rotation recipe of docs/rotation-aws.md, run as the guide shows it: the script
 * {@code docs/recipes/aws-rotation.sql} on the sandbox's demo account, first as a dry run, then for
 * real, with the new password and secret value in {@code NEW_MASTER_PASSWORD} and
 * {@code NEW_MASTER_SECRET} (set by surefire).
 */
class AwsRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/aws-rotation.sql";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path home;

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }


  private CliRun recipe(String... more) {
    final List<String> args = new ArrayList<>(List.of("--sandbox", "-f", RECIPE, "--output", "csv",
        "--property", "auditLog=" + home.resolve("audit.jsonl"),
        "--var", "region=us-east-1", "--var", "instance=orders-db", "--var", "secret=prod/orders-db/master"));
    args.addAll(List.of(more));
    return credql(args.toArray(new String[0]));
  }

  /** The requests the sandbox's AWS simulator received, from its WireMock journal, oldest first. */
  private static List<JsonNode> journal() throws IOException, InterruptedException {
    final URI rds = URI.create(Sandbox.shared().baseUrls().get("aws.rds"));
    final HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + rds.getPort() + "/__admin/requests")).build();
    final List<JsonNode> events = new ArrayList<>();
    JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("requests")
        .forEach(events::add);
    java.util.Collections.reverse(events);
    return events;
  }

  private static List<JsonNode> calls(List<JsonNode> journal, String marker) {
    return journal.stream().filter(e -> {
      final JsonNode request = e.path("request");
      return request.path("body").asText().contains("Action=" + marker)
          || request.path("url").asText().contains("Action=" + marker)
          || request.path("headers").path("X-Amz-Target").asText().equals("secretsmanager." + marker);
    }).toList();
  }

  @Test void aDryRunThenTheRecipeRotatesTheMasterPasswordAndWritesItToTheSecret() throws Exception {
    final String password = System.getenv("NEW_MASTER_PASSWORD");
    final String secretValue = System.getenv("NEW_MASTER_SECRET");
    final String script = Files.readString(Path.of(RECIPE));
    assertFalse(script.contains(password));

    final int modifiesBefore = calls(journal(), "ModifyDBInstance").size();
    final int putsBefore = calls(journal(), "PutSecretValue").size();
    final CliRun dry = recipe("--dry-run");
    assertEquals(0, dry.status(), dry::toString);
    assertTrue(dry.out().contains("orders-db,postgres,available,postgres"), dry::toString);
    assertTrue(dry.out().contains("POST,http://127.0.0.1:"), dry::toString);
    assertTrue(dry.out().contains("?Action=ModifyDBInstance&Version=2014-10-31,********"), dry::toString);
    assertTrue(dry.out().contains("/secretsmanager/PutSecretValue,"), dry::toString);
    assertFalse(dry.out().contains(password) || dry.err().contains(password), dry::toString);
    assertEquals(modifiesBefore, calls(journal(), "ModifyDBInstance").size(), "a dry run sends no modification");
    assertEquals(putsBefore, calls(journal(), "PutSecretValue").size(), "a dry run writes no secret");

    final CliRun run = recipe();
    assertEquals(0, run.status(), run::toString);
    assertFalse(run.out().contains(password) || run.err().contains(password), run::toString);
    assertTrue(run.out().contains("prod/orders-db/master,"), run::toString);
    assertTrue(run.out().contains("AWSCURRENT"), run::toString);

    // the modification reached RDS signed, carrying the new password, and was accepted
    final List<JsonNode> modifies = calls(journal(), "ModifyDBInstance");
    assertEquals(modifiesBefore + 1, modifies.size());
    final JsonNode modify = modifies.get(modifies.size() - 1);
    assertEquals(200, modify.path("response").path("status").asInt());
    assertTrue(URLDecoder.decode(modify.path("request").path("body").asText(), StandardCharsets.UTF_8)
        .contains("MasterUserPassword=" + password));
    assertTrue(modify.path("request").path("headers").path("Authorization").asText()
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIASANDBOX"));
    assertTrue(modify.path("request").path("headers").path("Authorization").asText().contains("/us-east-1/rds/aws4_request"));

    // the secret's new AWSCURRENT version holds the new value
    final List<JsonNode> puts = calls(journal(), "PutSecretValue");
    assertEquals(putsBefore + 1, puts.size());
    assertEquals(200, puts.get(puts.size() - 1).path("response").path("status").asInt());
    final CliRun current = credql("--sandbox", "--output", "csv", "-e", "SELECT SecretString FROM"
        + " aws.secretsmanager.secret_values WHERE region = 'us-east-1' AND SecretId = 'prod/orders-db/master'");
    assertEquals(0, current.status(), current::toString);
    assertTrue(current.out().contains(secretValue.replace("\"", "\"\"")), current::toString);

    // both mutations are in the audit log, without the secrets
    final String audit = Files.readString(home.resolve("audit.jsonl"));
    assertTrue(audit.contains("modify_db_instance"), audit);
    assertTrue(audit.contains("put_secret_value"), audit);
    assertFalse(audit.contains(password), audit);
  }

  @Test void aPasswordRdsWouldRefuseIsRefusedBeforeAnythingIsSent() throws Exception {
    final int before = calls(journal(), "ModifyDBInstance").size();
    final CliRun run = credql("--sandbox", "-e", "EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1'"
        + " @DBInstanceIdentifier = 'orders-db' @MasterUserPassword = 'my pass/word' @ApplyImmediately = true");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("may not contain '/', a space"), run::toString);
    assertFalse(run.err().contains("my pass/word"), run::toString);
    assertEquals(before, calls(journal(), "ModifyDBInstance").size());
  }
}
