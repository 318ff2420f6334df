package io.credql.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A StackQL user's command lines, unchanged: {@code exec "<query>"}, {@code -i file.iql} with
 * {@code --iqldata} and {@code {{ .values.x }}} templates, {@code --output text}, {@code -H},
 * {@code --dryrun}, against the acme provider's stubbed API.
 */
class StackqlCliHabitsTest {
  private static AcmeApi api;

  @TempDir Path home;
  @TempDir Path dir;

  @BeforeAll static void start() {
    api = new AcmeApi();
  }

  @AfterAll static void stop() {
    api.close();
  }

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }

  private Path file(String name, String text) throws Exception {
    final Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test void execRunsTheQueryWrittenAfterItInStackqlsTextOutput() {
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "--output", "text",
        "SELECT id, label, weight FROM acme.things.things WHERE thingId = 7");
    assertEquals(0, run.status(), run::toString);
    assertEquals("id,label,weight\n7,seven,7.25\n", run.out());
  }

  @Test void textOutputJoinsFieldsWithCommasUnquotedAndNullIsEmpty() {
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "--output", "text",
        "SELECT id, weight FROM acme.things.things ORDER BY id");
    assertEquals(0, run.status(), run::toString);
    assertEquals("id,weight\n1,1.5\n2,\n", run.out());
  }

  @Test void hideHeadersDropsTheHeaderOfEveryResultSet() {
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "-H", "--output", "csv",
        "SELECT label FROM acme.things.things WHERE thingId = 7;"
            + " SELECT password FROM acme.things.thing_secrets WHERE thingId = 12");
    assertEquals(0, run.status(), run::toString);
    assertEquals("seven\npw-of-12\n", run.out());
    assertEquals("7,seven\n", credql("exec", "-u", api.jdbcUrl(), "--hideheaders", "--output=text",
        "SELECT id, label FROM acme.things.things WHERE thingId = 7").out());
  }

  @Test void anInfileIsRenderedWithTheValuesOfAnIqldataFile() throws Exception {
    final Path query = file("thing.iql",
        "SELECT label FROM acme.things.things WHERE thingId = {{ .values.thing }};\n"
            + "SELECT password FROM acme.things.thing_secrets WHERE thingId = {{.values.secret_of}};\n");
    final Path json = file("vars.json", "{\"values\": {\"thing\": 7, \"secret_of\": \"12\"}}");
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "-i", query.toString(),
        "--iqldata", json.toString(), "--output", "csv");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\npassword\npw-of-12\n", run.out());
    final Path yaml = file("vars.yaml", "values:\n  thing: 7\n  secret_of: 12\n");
    assertEquals(run.out(), credql("-u", api.jdbcUrl(), "--infile", query.toString(), "-q",
        yaml.toString(), "--output", "csv").out());
  }

  @Test void aDataBlockAtTheTopOfTheFileFillsItsTemplates() throws Exception {
    final Path query = file("inline.iql", "<<<json\n{\"values\": {\"thing\": 7}}\n>>>\n"
        + "SELECT label FROM acme.things.things WHERE thingId = {{ .values.thing }};\n");
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "-i", query.toString(), "--output", "csv");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
  }

  @Test void aReferenceTheDataLacksIsNamedAndNothingRuns() throws Exception {
    final Path query = file("thing.iql", "SELECT label FROM acme.things.things WHERE thingId = {{ .values.thing }}");
    final Path json = file("vars.json", "{\"values\": {\"other\": 1}}");
    final int before = api.requests();
    final CliRun run = credql("exec", "-u", api.jdbcUrl(), "-i", query.toString(), "--iqldata", json.toString());
    assertEquals(2, run.status(), run::toString);
    assertEquals("credql: the template data has no value for .values.thing\n", run.err());
    assertEquals(before, api.requests());
  }

  @Test void goTemplateActionsAndJsonnetAreRefusedWithAMessage() throws Exception {
    final Path query = file("loop.iql", "{{ range .values.ids }}SELECT 1;{{ end }}");
    final Path json = file("vars.json", "{\"values\": {\"ids\": [1, 2]}}");
    final CliRun loop = credql("exec", "-u", api.jdbcUrl(), "-i", query.toString(), "--iqldata", json.toString());
    assertEquals(2, loop.status(), loop::toString);
    assertTrue(loop.err().contains("{{ range }}: Go template actions are not supported"), loop::toString);
    final Path jsonnet = file("vars.jsonnet", "local x = 1; { values: { thing: x } }");
    final CliRun data = credql("exec", "-u", api.jdbcUrl(), "--iqldata", jsonnet.toString(), "SELECT 1");
    assertEquals(2, data.status(), data::toString);
    assertTrue(data.err().contains("jsonnet is not supported: write the data as JSON"), data::toString);
  }

  @Test void execWithoutAQueryReadsStandardInput() {
    final CliRun run = CliRun.withInput(home, "SELECT label FROM acme.things.things WHERE thingId = 7;",
        "exec", "-u", api.jdbcUrl(), "--output", "text");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
  }

  @Test void stackqlsSpellingsOfTheFlagsMeanWhatCredqlsDo() throws Exception {
    assertEquals(CliOptions.parse(List.of("--dry-run")).connectionProperties(),
        CliOptions.parse(List.of("--dryrun")).connectionProperties());
    assertEquals("true", CliOptions.parse(List.of("--dryrun")).connectionProperties().getProperty("dryRun"));
    assertEquals("q.iql", CliOptions.parse(List.of("-i", "q.iql")).scriptFile());
    assertEquals("q.iql", CliOptions.parse(List.of("exec", "--infile=q.iql")).scriptFile());
    assertEquals("SELECT 1", CliOptions.parse(List.of("exec", "SELECT 1")).statements());
    assertEquals(ResultFormat.TEXT, CliOptions.parse(List.of("--output", "text")).format());
    assertEquals("csv", ResultFormat.TEXT.sqllineFormat());
    final UsageException twice = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> CliOptions.parse(List.of("exec", "SELECT 1", "SELECT 2")));
    assertEquals("unexpected argument 'SELECT 2'; statements go after -e", twice.getMessage());
  }
}
