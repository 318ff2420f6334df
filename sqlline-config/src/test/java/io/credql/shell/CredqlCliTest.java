package io.credql.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code credql} command line running scripts against the acme provider's stubbed API. */
class CredqlCliTest {
  private static AcmeApi api;

  @TempDir Path home;

  @BeforeAll static void start() {
    api = new AcmeApi();
  }

  @AfterAll static void stop() {
    api.close();
  }

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }

  @Test void theProgressOfALongFanOutGoesToStandardErrorOnlyWhenAsked() {
    final StringBuilder ids = new StringBuilder();
    for (int i = 1; i <= 24; i++) {
      ids.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
    }
    final String fanOut = "SELECT v.id, s.password FROM (VALUES " + ids + ") AS v(id)"
        + " JOIN acme.things.thing_secrets s ON s.thingId = v.id";
    api.answerSecretsAfter(75);
    // the line shows after 100 ms instead of the users' 2 s, so that the fan-out can be short
    System.setProperty(ProgressLine.DELAY_PROPERTY, "100");
    try {
      // 24 calls, 2 at a time, 75 ms each: about 0.9 s, several ticks of the progress line
      final CliRun asked = credql("-u", api.jdbcUrl() + ";concurrency=2", "--progress",
          "--output", "csv", "-e", fanOut);
      assertEquals(0, asked.status(), asked::toString);
      assertEquals(25, asked.out().lines().count(), asked::toString);
      assertTrue(asked.err().matches("(?s)(credql: \\d+/24 calls done\n)+"), asked::toString);
      assertFalse(asked.out().contains("calls done"), asked::toString);
      final CliRun quiet = credql("-u", api.jdbcUrl() + ";concurrency=2", "--output", "csv", "-e", fanOut);
      assertEquals(asked.out(), quiet.out());
      assertEquals("", quiet.err());
    } finally {
      System.clearProperty(ProgressLine.DELAY_PROPERTY);
      api.answerPromptly();
    }
  }

  @Test void twoStatementsInOneDashERunInOrder() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "csv", "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 7;"
            + " SELECT password FROM acme.things.thing_secrets WHERE thingId = 12");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\npassword\npw-of-12\n", run.out());
  }

  @Test void aScriptStopsAtItsFirstFailingStatementAndSaysWhere(@TempDir Path dir)
      throws Exception {
    final Path script = dir.resolve("rotate.sql");
    Files.writeString(script, String.join("\n",
        "-- look the thing up first",
        "SELECT label FROM acme.things.things WHERE thingId = 7;",
        "",
        "SELECT password",
        "  FROM acme.things.thing_secrets;",
        "SELECT password FROM acme.things.thing_secrets WHERE thingId = 31;",
        ""), StandardCharsets.UTF_8);
    final CliRun run = credql("-u", api.jdbcUrl(), "-f", script.toString(), "--output", "csv");
    assertEquals(1, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
    assertTrue(run.err().startsWith("Error in statement 2 (line 4): "), run::toString);
    assertTrue(run.err().contains("thingId"), run::toString);
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    assertEquals(0, api.requestsTo("/v1/things/31/secret"), "statement 3 must not run");
  }

  @Test void varsFillPlaceholdersBeforeTheStatementsRun() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "csv",
        "--var", "thing=21", "--var=other=22", "-e",
        "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{ thing }};"
            + "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{other}}");
    assertEquals(0, run.status(), run::toString);
    assertEquals("password\npw-of-21\npassword\npw-of-22\n", run.out());
  }

  @Test void anUnfilledPlaceholderIsNamedAndNothingRuns() {
    final int before = api.requests();
    final CliRun run = credql("-u", api.jdbcUrl(), "--var", "thing=21", "-e",
        "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{ thing }};"
            + "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{ other_thing }}");
    assertEquals(2, run.status(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().contains("{{ other_thing }}"), run::toString);
    assertEquals(before, api.requests(), "no statement may run");
  }

  @Test void csvHasAHeaderAndQuotesFieldsThatNeedIt() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "csv", "-e",
        "SELECT id, label, weight, active, tags FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    assertEquals("id,label,weight,active,tags\n"
        + "1,plain,1.5,true,\"[\"\"a\"\",\"\"b\"\"]\"\n"
        + "2,\"comma, \"\"quote\"\"\nnew line\ttab\",,false,[]\n", run.out());
    assertEquals("", run.err());
  }

  @Test void tsvEscapesTabsAndNewlinesSoEachRowIsOneLine() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "tsv", "-e",
        "SELECT id, label, weight FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    assertEquals("id\tlabel\tweight\n"
        + "1\tplain\t1.5\n"
        + "2\tcomma, \"quote\"\\nnew line\\ttab\t\n", run.out());
  }

  @Test void jsonIsAnArrayOfObjectsWithTypedValues() throws Exception {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "json", "-e",
        "SELECT id, label, weight, active, tags FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    final JsonNode rows = new ObjectMapper().readTree(run.out());
    assertTrue(rows.isArray(), run::toString);
    assertEquals(2, rows.size());
    final JsonNode first = rows.get(0);
    assertTrue(first.get("id").isIntegralNumber(), run::toString);
    assertEquals(1, first.get("id").asLong());
    assertTrue(first.get("weight").isNumber(), run::toString);
    assertEquals(1.5, first.get("weight").asDouble());
    assertTrue(first.get("active").isBoolean(), run::toString);
    assertTrue(first.get("active").asBoolean());
    assertEquals("[\"a\",\"b\"]", first.get("tags").asText());
    final JsonNode second = rows.get(1);
    assertEquals(AcmeApi.AWKWARD_LABEL, second.get("label").asText());
    assertTrue(second.get("weight").isNull(), run::toString);
    assertFalse(second.get("active").asBoolean());
  }

  @Test void jsonOfAnEmptyResultIsAnEmptyArray() throws Exception {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "json", "-e",
        "SELECT id FROM acme.things.things WHERE id > 100");
    assertEquals(0, run.status(), run::toString);
    assertEquals(0, new ObjectMapper().readTree(run.out()).size(), run::toString);
  }

  @Test void verticalShowsEachRowAsColumnValueLines() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "vertical", "-e",
        "SELECT id, label, weight FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    assertEquals(String.join("\n",
        "*** row 1 ***",
        "    id: 1",
        " label: plain",
        "weight: 1.5",
        "*** row 2 ***",
        "    id: 2",
        " label: comma, \"quote\"\\nnew line\\ttab",
        "weight: NULL",
        ""), run.out());
    assertEquals("(2 rows)\n", run.err());
  }

  @Test void tableAlignsColumnsUnderAHeaderLikePsql() {
    final CliRun run = credql("-u", api.jdbcUrl(), "-e",
        "SELECT id, label, weight FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    assertEquals(String.join("\n",
        " id |             label             | weight",
        "----+-------------------------------+--------",
        "  1 | plain                         |    1.5",
        "  2 | comma, \"quote\"\\nnew line\\ttab |   NULL",
        ""), run.out());
    assertEquals("(2 rows)\n", run.err());
  }

  @Test void connectionPropertiesComeFromPropertyOptions() {
    final CliRun run = credql("--property", "providers=" + AcmeApi.providers(),
        "--property", "baseUrl.acme=" + api.baseUrl(), "--output=csv", "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 7");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
  }

  @Test void sandboxModeRunsScriptsOnTheSameEngine() {
    final CliRun run = credql("--sandbox", "--property", "providers=" + AcmeApi.providers(),
        "--property", "baseUrl.acme=" + api.baseUrl(), "--output", "csv", "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 7");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
    assertEquals("", run.err(), "the banner is for the interactive shell only");
  }

  @Test void statementsPipedIntoStandardInputRunAsAScript() {
    final CliRun run = CliRun.withInput(home,
        "SELECT label FROM acme.things.things WHERE thingId = 7;\n",
        "-u", api.jdbcUrl(), "--output", "csv");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
  }

  @Test void dashFDashReadsTheScriptFromStandardInput() {
    final CliRun run = CliRun.withInput(home,
        "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{ id }};\n",
        "-u", api.jdbcUrl(), "--output", "csv", "--var", "id=5", "-f", "-");
    assertEquals(0, run.status(), run::toString);
    assertEquals("password\npw-of-5\n", run.out());
  }

  @Test void aMissingScriptFileIsReported() {
    final CliRun run = credql("-u", api.jdbcUrl(), "-f", home.resolve("nope.sql").toString());
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("nope.sql: no such file"), run::toString);
  }

  @Test void aConnectionThatCannotBeMadeIsReportedWithoutRunningAnything() {
    final CliRun run = credql("-u", "jdbc:credql:concurrency=lots", "-e", "SELECT 1");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().startsWith("credql: cannot connect: "), run::toString);
    assertTrue(run.err().contains("concurrency"), run::toString);
  }

  @Test void helpPrintsTheUsageOnStandardOutput() {
    final CliRun run = credql("--help");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().startsWith("Usage: credql [options]"), run::toString);
    assertEquals("", run.err());
  }

  @Test void badUsageExitsWithStatusTwoAndShowsTheUsage() {
    for (List<String> args : List.of(
        List.of("--no-such-option"),
        List.of("-e"),
        List.of("--output", "xml", "-e", "SELECT 1"),
        List.of("--property", "novalue"),
        List.of("--var", "1x=2", "-e", "SELECT 1"),
        List.of("-e", "SELECT 1", "-f", "x.sql"),
        List.of("SELECT 1"))) {
      final CliRun run = credql(args.toArray(String[]::new));
      assertEquals(2, run.status(), () -> args + ": " + run);
      assertTrue(run.err().startsWith("credql: "), () -> args + ": " + run);
      assertTrue(run.err().contains("Usage: credql [options]"), () -> args + ": " + run);
      assertEquals("", run.out(), () -> args + ": " + run);
    }
  }
}
