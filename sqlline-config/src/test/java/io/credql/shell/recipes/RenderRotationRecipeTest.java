package io.credql.shell.recipes;

import io.credql.render.RenderDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Render rotation recipe of docs/rotation-render.md, run as users run it: the script on the sandbox. */
class RenderRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/render-rotation.sql";

  @TempDir Path home;

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }


  /** The sandbox's users of {@code postgresId}: username to whether it is the default. */
  private static Map<String, Boolean> users(String postgresId) throws SQLException {
    final Map<String, Boolean> users = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT username, \"default\" FROM render.postgres.credentials"
             + " WHERE postgresId = '" + postgresId + "'")) {
      while (rs.next()) {
        users.put(rs.getString("username"), rs.getBoolean("default"));
      }
    }
    return users;
  }

  private static String externalConnectionString(String postgresId) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT externalConnectionString FROM render.postgres.connection_info"
             + " WHERE postgresId = '" + postgresId + "'")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test void theRotationLeavesTheNewUserAsTheDefaultAndTheOldOneGone() throws SQLException {
    final String id = RenderDataset.ORDERS_PROD;
    assertEquals(Map.of("orders_user", false, "orders_user_v2", true), users(id));

    final CliRun run = credql("--sandbox", "-f", RECIPE, "--output", "csv", "--var", "postgres_id=" + id,
        "--var", "old_user=orders_user_v2", "--var", "new_user=orders_user_v3");

    assertEquals(0, run.status(), run::toString);
    final Map<String, Boolean> after = users(id);
    assertEquals(Map.of("orders_user", false, "orders_user_v3", true), after);
    // the connection string the recipe printed is the new default user's, the one apps now use
    final String connectionString = externalConnectionString(id);
    assertTrue(connectionString.startsWith("postgresql://orders_user_v3:"), connectionString);
    assertTrue(run.out().contains(connectionString), run::toString);
    // the last step shows what is left
    assertTrue(run.out().endsWith("username,default\norders_user,false\norders_user_v3,true\n"), run::toString);
    assertTrue(run.err().contains("1 row(s) affected"), run::toString);
  }

  @Test void aRecipeThatWouldDeleteTheDefaultUserStopsBeforeSendingTheDeletion() throws SQLException {
    final String id = RenderDataset.STAGING;
    // the "old" user named is the one the recipe has just made the default
    final CliRun run = credql("--sandbox", "-f", RECIPE, "--output", "csv", "--var", "postgres_id=" + id,
        "--var", "old_user=staging_user_v2", "--var", "new_user=staging_user_v2");

    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("staging_user_v2 is the current default user of " + id), run::toString);
    assertTrue(run.err().contains("first create a new user to make it the new default"), run::toString);
    assertTrue(run.err().contains("nothing was sent"), run::toString);
    assertEquals(Map.of("staging_user", false, "staging_user_v2", true), users(id));
  }

  @Test void theRecipeNamesEveryPlaceholderItNeeds() {
    final CliRun run = credql("--sandbox", "-f", RECIPE, "--var", "postgres_id=" + RenderDataset.ANALYTICS);
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.err().contains("old_user") && run.err().contains("new_user"), run::toString);
    assertFalse(run.err().contains("postgres_id"), run::toString);
  }
}
