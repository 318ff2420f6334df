package io.credql.shell.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.shell.CredqlCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Databricks rotation recipe of docs/rotation-databricks.md, run as the guide shows it: the
 * script {@code docs/recipes/databricks-rotation.sql} on the sandbox's demo workspace.
 */
class DatabricksRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/databricks-rotation.sql";
  private static final String ENDPOINT = "projects/demo-shop/branches/production/endpoints/primary";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  /** What one run printed: exit status and standard output, split into its CSV result sets. */
  private record Run(int status, List<List<String>> results, String err) {
  }

  private Run rotate(String ttl) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = new CredqlCli(home).run(new String[] {"--sandbox", "-f", RECIPE, "--output", "csv",
          "--var", "deployment_name=dbc-abcd0123-a1bc", "--var", "endpoint=" + ENDPOINT,
          "--var", "ttl=" + ttl, "--var", "instance_name=orders-lakebase"},
          new ByteArrayInputStream(new byte[0]), o, e);
    }
    final List<List<String>> results = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("name,") || line.startsWith("expire_time,") || line.startsWith("expiration_time,")) {
        results.add(new ArrayList<>());
      }
      if (results.isEmpty()) {
        continue;
      }
      results.get(results.size() - 1).add(line);
    }
    return new Run(status, results, err.toString(StandardCharsets.UTF_8));
  }

  private static JsonNode claims(String jwt) throws Exception {
    final String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length, jwt);
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  @Test void theRecipeListsTheInstancesAndHandsOutFreshPasswordsThatExpireWhenAsked() throws Exception {
    final Instant started = Instant.now();
    final Run run = rotate("900s");
    assertEquals(0, run.status(), run::toString);
    assertEquals(3, run.results().size(), run::toString);

    final List<String> instances = run.results().get(0);
    assertEquals("name,state,read_write_dns", instances.get(0));
    assertTrue(instances.stream().anyMatch(l -> l.startsWith("orders-lakebase,AVAILABLE,instance-")), instances::toString);

    final List<String> endpoint = run.results().get(1);
    assertEquals(List.of("expire_time", "token"), List.of(endpoint.get(0).split(",")));
    final String[] credential = endpoint.get(1).split(",");
    final Duration left = Duration.between(started, Instant.parse(credential[0]));
    assertTrue(left.compareTo(Duration.ofSeconds(899)) >= 0 && left.compareTo(Duration.ofSeconds(960)) < 0, left::toString);
    assertEquals(ENDPOINT, claims(credential[1]).get("aud").asText());

    final List<String> instance = run.results().get(2);
    assertEquals("expiration_time,token", instance.get(0));
    assertEquals("orders-lakebase", claims(instance.get(1).split(",")[1]).get("aud").asText());
  }

  @Test void runningTheRecipeAgainRotatesToANewPassword() throws Exception {
    final String first = rotate("900s").results().get(1).get(1).split(",")[1];
    final Run again = rotate("3600s");
    assertEquals(0, again.status(), again::toString);
    final String[] second = again.results().get(1).get(1).split(",");
    assertNotEquals(first, second[1]);
    assertTrue(Duration.between(Instant.now(), Instant.parse(second[0])).compareTo(Duration.ofMinutes(59)) > 0);
  }

  @Test void aTtlBeyondAnHourStopsTheRecipeBeforeAnythingIsGenerated() {
    final Run run = rotate("2h");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("ttl must be a number of seconds followed by s"), run::err);
    assertEquals(1, run.results().size(), "only the listing ran: " + run);
  }
}
