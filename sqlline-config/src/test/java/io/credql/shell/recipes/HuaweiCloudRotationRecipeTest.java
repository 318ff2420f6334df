package io.credql.shell.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
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
 * The Huawei Cloud rotation recipe of docs/rotation-huaweicloud.md, run as the guide shows it: the
 * script {@code docs/recipes/huaweicloud-rotation.sql} on the sandbox's demo project, with the new
 * passwords in {@code NEW_DB_PASSWORD} and {@code NEW_ROOT_PASSWORD} (set by surefire).
 */
class HuaweiCloudRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/huaweicloud-rotation.sql";
  private static final String PROJECT = "0483b6b16e954cb88930a360d2c4e663";
  private static final String GAUSSDB_INSTANCE = "b331ed66cc3249f78bc20737308c01f4in14";
  private static final String RDS_MYSQL = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
  private static final String DESPATCHED = "The operation was despatched successfully";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path home;

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }


  private CliRun recipe(String account, String... more) {
    final List<String> args = new ArrayList<>(List.of("--sandbox", "-f", RECIPE, "--output", "csv",
        "--var", "region=ap-southeast-1", "--var", "project_id=" + PROJECT,
        "--var", "gaussdb_instance_id=" + GAUSSDB_INSTANCE, "--var", "account=" + account,
        "--var", "rds_instance_id=" + RDS_MYSQL));
    args.addAll(List.of(more));
    return credql(args.toArray(new String[0]));
  }

  private CliRun resetAccount(String account, String passwordSource) {
    return credql("--sandbox", "-e", "EXEC huaweicloud.gaussdb.db_user_password.reset"
        + " @region = 'ap-southeast-1' @project_id = '" + PROJECT + "' @instance_id = '" + GAUSSDB_INSTANCE
        + "' @name = '" + account + "' @password = " + passwordSource);
  }

  /** The requests the sandbox's Huawei Cloud simulator received, from its WireMock journal. */
  private static List<JsonNode> journal() throws IOException, InterruptedException {
    final URI gaussdb = URI.create(Sandbox.shared().baseUrls().get("huaweicloud.gaussdb"));
    final HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gaussdb.getPort() + "/__admin/requests")).build();
    final List<JsonNode> events = new ArrayList<>();
    JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("requests")
        .forEach(events::add);
    return events;
  }

  private static long count(List<JsonNode> journal, String method, String pathEnd) {
    return journal.stream().filter(e -> e.path("request").path("method").asText().equals(method)
        && e.path("request").path("url").asText().endsWith(pathEnd)).count();
  }

  @Test void theRecipeResetsTheAccountAndTheRootPasswordToTheValuesInTheEnvironment() throws Exception {
    final CliRun run = recipe("app_user");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("id,name,status\n" + GAUSSDB_INSTANCE + ",gauss-orders,ACTIVE\n"), run::toString);
    assertTrue(run.out().contains("name,lock_status\napp_user,false\n"), run::toString);
    assertTrue(run.out().contains(RDS_MYSQL + ",mysql-shop,ACTIVE,"), run::toString);
    assertEquals(2, run.out().split(DESPATCHED, -1).length - 1, run::toString);

    final String accountPassword = System.getenv("NEW_DB_PASSWORD");
    final String rootPassword = System.getenv("NEW_ROOT_PASSWORD");
    final String script = Files.readString(Path.of(RECIPE));
    for (String secret : List.of(accountPassword, rootPassword)) {
      assertFalse(script.contains(secret));
      assertFalse(run.out().contains(secret) || run.err().contains(secret), run::toString);
    }

    // the account's password is now NEW_DB_PASSWORD: Huawei refuses it again as the current one
    final CliRun again = resetAccount("app_user", "env('NEW_DB_PASSWORD')");
    assertEquals(1, again.status(), again::toString);
    assertTrue(again.err().contains("[DBS.200475] New password should not equal to the old one."), again::toString);

    // the root reset reached Huawei signed, carrying NEW_ROOT_PASSWORD, and was accepted
    final List<JsonNode> rootResets = journal().stream()
        .filter(e -> e.path("request").path("url").asText().endsWith("/instances/" + RDS_MYSQL + "/password"))
        .toList();
    assertEquals(1, rootResets.size());
    assertEquals(200, rootResets.get(0).path("response").path("status").asInt());
    assertEquals(rootPassword, JSON.readTree(rootResets.get(0).path("request").path("body").asText())
        .path("db_user_pwd").asText());
    assertTrue(rootResets.get(0).path("request").path("headers").path("Authorization").asText()
        .startsWith("SDK-HMAC-SHA256 Access="));
  }

  @Test void aPasswordFromAFileWorksAsTheGuideShows(@TempDir Path secrets) throws Exception {
    final Path file = secrets.resolve("gaussdb-report-reader");
    Files.writeString(file, "File_Based_Pass_2025\n", StandardCharsets.UTF_8);
    final String source = "file('" + file.toAbsolutePath() + "')";
    final CliRun run = resetAccount("report_reader", source);
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains(DESPATCHED), run::toString);
    // the file's content without its line break is now the password
    final CliRun again = resetAccount("report_reader", source);
    assertTrue(again.err().contains("[DBS.200475]"), again::toString);
  }

  @Test void aDryRunOfTheRecipeShowsTheResetsMaskedAndSendsNone() throws Exception {
    final List<JsonNode> before = journal();
    final CliRun run = recipe("root", "--dry-run");
    assertEquals(0, run.status(), run::toString);
    // CSV doubles the body's quotes
    assertTrue(run.out().contains("\"\"password\"\":\"\"********\"\""), run::toString);
    assertTrue(run.out().contains("\"\"db_user_pwd\"\":\"\"********\"\""), run::toString);
    assertFalse(run.out().contains(System.getenv("NEW_DB_PASSWORD")), run::toString);
    final List<JsonNode> after = journal();
    assertEquals(count(before, "PUT", "/db-user/password"), count(after, "PUT", "/db-user/password"));
    assertEquals(count(before, "POST", "/password"), count(after, "POST", "/password"));
  }
}
