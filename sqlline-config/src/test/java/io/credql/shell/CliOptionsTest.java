package io.credql.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the options of DESIGN §4 turn into: a URL, connection properties, a script, a format. */
class CliOptionsTest {
  private static Properties properties(String... pairs) {
    final Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test void noOptionsMeansTheShellOnPlainCredql() throws Exception {
    final CliOptions options = CliOptions.parse(List.of());
    assertEquals("jdbc:credql:", options.url());
    assertEquals(new Properties(), options.connectionProperties());
    assertEquals(ResultFormat.TABLE, options.format());
    assertTrue(!options.hasScript() && !options.help());
  }

  @Test void sandboxConnectsToTheSimulators() throws Exception {
    assertEquals("jdbc:credql:sandbox=true", CliOptions.parse(List.of("--sandbox")).url());
  }

  @Test void sandboxWithAUrlBecomesAConnectionProperty() throws Exception {
    final CliOptions options =
        CliOptions.parse(List.of("-u", "jdbc:credql:concurrency=2", "--sandbox"));
    assertEquals("jdbc:credql:concurrency=2", options.url());
    assertEquals(properties("sandbox", "true"), options.connectionProperties());
  }

  @Test void propertiesAndDryRunTravelAsPropertiesWithValuesUntouched() throws Exception {
    final String auth = "{\"acme\": {\"type\": \"bearer\", \"credentialsenvvar\": \"X;Y=Z\"}}";
    final CliOptions options = CliOptions.parse(List.of("--property", "auth=" + auth,
        "--property=baseUrl.acme=http://127.0.0.1:1/v1;x='y'", "--dry-run"));
    assertEquals("jdbc:credql:", options.url());
    assertEquals(properties("auth", auth, "baseUrl.acme", "http://127.0.0.1:1/v1;x='y'",
        "dryRun", "true"), options.connectionProperties());
  }

  @Test void everyFormatHasItsName() throws Exception {
    for (String name : List.of("table", "csv", "tsv", "json", "vertical")) {
      assertEquals(name, CliOptions.parse(List.of("--output", name)).format().optionName());
    }
    assertEquals(ResultFormat.JSON, CliOptions.parse(List.of("--output=JSON")).format());
  }

  @Test void aFormatThatDoesNotExistListsTheOnesThatDo() {
    final UsageException e = assertThrows(UsageException.class,
        () -> CliOptions.parse(List.of("--output", "xml")));
    assertTrue(e.getMessage().contains("table, csv, tsv, json, vertical"), e.getMessage());
  }

  @Test void aStatementMayStartWithADash() throws Exception {
    assertEquals("-- comment\nSELECT 1",
        CliOptions.parse(List.of("-e", "-- comment\nSELECT 1")).statements());
  }
}
