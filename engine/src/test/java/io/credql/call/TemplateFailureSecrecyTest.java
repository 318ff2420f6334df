package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document's Go template that fails on a secret value, in a request body it writes or in the
 * response it reads: the error names the method, the template's action and the problem, and the
 * value is nowhere in the message, in the exception's causes (what a program's log prints with
 * its stack trace), in credql's log or in the audit log.
 */
class TemplateFailureSecrecyTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path dir;

  @BeforeEach void answerWithAPassword() {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"password\": \"LeakS3cret-answered\"}")));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/template-providers").toAbsolutePath()
        + ";baseUrl.tmplco=http://127.0.0.1:" + api.getPort() + "/v1;auditLog=" + dir.resolve("audit.jsonl"));
  }

  private SQLException failureOf(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return assertThrows(SQLException.class, () -> {
        try (ResultSet rows = s.executeQuery(sql)) {
          while (rows.next()) {
            rows.getObject(1);
          }
        }
      });
    }
  }

  private void assertNowhere(String secret, SQLException e) throws IOException {
    final StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(secret), trace.toString());
    final Path audit = dir.resolve("audit.jsonl");
    final String recorded = Files.exists(audit) ? Files.readString(audit) : "";
    assertFalse(recorded.contains(secret), recorded);
  }

  @Test void credentialsThatAreNotJsonAreRefusedNamingTheTemplatesActionAndNotQuoted() throws Exception {
    final SQLException e = failureOf("EXEC tmplco.vault.keys.rotate @keyId = 'k1'"
        + " @@json = '{\"credentials\": \"LeakS3cret-typed, not JSON\"}'");
    assertTrue(e.getMessage().contains("the request template of tmplco.vault.keys.rotate cannot be applied to the"
        + " values given: {{ toJson (jsonMapFromString .credentials) }}: jsonMapFromString: the text is not JSON;"
        + " nothing was sent"), e.getMessage());
    assertNowhere("LeakS3cret", e);
    assertEquals(0, api.getAllServeEvents().size());
  }

  /**
   * A reset that succeeded but whose answer its template cannot read: the log says so, naming the
   * template's action, and the new password is neither there nor in the rows or the audit.
   */
  @Test void aResponseTemplateThatFailsOnAnAnsweredPasswordNamesItsActionAndNotThePassword() throws Exception {
    final PrintStream before = System.err;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final StringBuilder shown = new StringBuilder();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("EXEC tmplco.vault.keys.rotateEach @keyId = 'k1'")) {
      while (rows.next()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          shown.append(rows.getString(i)).append('\n');
        }
      }
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        shown.append(w.getMessage()).append('\n');
      }
    } finally {
      System.setErr(before);
    }
    final String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("tmplco.vault.keys.rotateEach succeeded (HTTP 200) but its response cannot be shown:"
        + " tmplco.vault.keys.rotateEach: its response transform 'golang_template_json_v0.3.0' failed on the"
        + " provider's response: {{ range $v }}: range can't iterate over a string"), logged);
    assertFalse(shown.toString().contains("LeakS3cret"), shown.toString());
    assertFalse(logged.contains("LeakS3cret"), logged);
    final String recorded = Files.readString(dir.resolve("audit.jsonl"));
    assertTrue(recorded.contains("rotateEach"), recorded);
    assertFalse(recorded.contains("LeakS3cret"), recorded);
    assertEquals(1, api.getAllServeEvents().size());
  }
}
