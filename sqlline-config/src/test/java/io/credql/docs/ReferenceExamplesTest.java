package io.credql.docs;

import io.credql.session.ProviderCatalog;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example statement on the reference pages is one credql accepts: with its placeholders
 * filled, it parses, names a real resource and method, binds the required parameters and plans,
 * on the sandbox in dry-run mode, without sending anything.
 */
class ReferenceExamplesTest {
  private static final Pattern SQL_BLOCK = Pattern.compile("```sql\n(.*?)\n```", Pattern.DOTALL);

  /** A statement's placeholders filled: quoted ones with text, bare ones (numbers, booleans) with 1. */
  private static String filled(String statement) {
    return statement.replaceAll("'\\{\\{ \\w+ }}'", "'demo'")
        .replaceAll("\"\\{\\{ \\w+ }}\"", "\"demo\"")
        .replaceAll("\\{\\{ \\w+ }}", "1");
  }

  @Test void everyExampleOnEveryPagePreparesWithItsPlaceholdersFilled() throws SQLException {
    final ReferenceDocs docs = ReferenceDocs.of(ProviderCatalog.create(CredqlSession.bundles(), List.of()));
    final List<String> failures = new ArrayList<>();
    int examples = 0;
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true;dryRun=true")) {
      for (Map.Entry<String, String> page : docs.pages().entrySet()) {
        final Matcher block = SQL_BLOCK.matcher(page.getValue());
        while (block.find()) {
          examples++;
          final String sql = filled(block.group(1)).replaceAll(";\\s*$", "");
          try (PreparedStatement ignored = c.prepareStatement(sql)) {
            // planned: the statement is valid
          } catch (SQLException e) {
            failures.add(page.getKey() + ":\n" + sql + "\n  -> " + e.getMessage());
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
    assertTrue(examples > docs.pages().size(), "every resource page has examples: " + examples);
  }

  @Test void theRenderCredentialsExamplesCoverReadingCreatingAndDeletingUsers() {
    final String page = ReferenceDocs.of(ProviderCatalog.create(CredqlSession.bundles(), List.of()))
        .pages().get("render/postgres/credentials.md");
    final List<String> statements = new ArrayList<>();
    final Matcher block = SQL_BLOCK.matcher(page);
    while (block.find()) {
      statements.add(block.group(1).split("\n")[0]);
    }
    assertEquals(List.of("SELECT", "INSERT INTO render.postgres.credentials (",
        "DELETE FROM render.postgres.credentials",
        "EXEC render.postgres.credentials._listPostgresUsers "), statements);
  }
}
