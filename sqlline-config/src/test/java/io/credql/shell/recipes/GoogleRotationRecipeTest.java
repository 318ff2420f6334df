package io.credql.shell.recipes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cloud SQL rotation recipe of docs/rotation-google.md, run as the guide shows it: the script
 * {@code docs/recipes/google-rotation.sql} on the sandbox's demo project, with the new password in
 * {@code NEW_CLOUDSQL_PASSWORD} (set by surefire); a dry run first.
 */
class GoogleRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/google-rotation.sql";

  @TempDir Path home;

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }

  private CliRun recipe(String instance, String user, String... more) {
    final List<String> args = new ArrayList<>(List.of("--sandbox", "-f", RECIPE, "--output", "csv",
        "--var", "project=demo-project", "--var", "instance=" + instance, "--var", "user=" + user));
    args.addAll(List.of("--property", "auditLog=" + home.resolve("audit.jsonl")));
    args.addAll(List.of(more));
    return credql(args.toArray(new String[0]));
  }

  @Test void aDryRunShowsThePasswordChangeMaskedThenTheRecipeSetsItAndAwaitsTheOperation() throws Exception {
    final String password = System.getenv("NEW_CLOUDSQL_PASSWORD");
    final CliRun dry = recipe("orders-pg", "app_rw", "--dry-run");
    assertEquals(0, dry.status(), dry::toString);
    assertTrue(dry.out().contains("PUT") && dry.out().contains("/users?name=app_rw"), dry::toString);
    assertTrue(dry.out().contains("\"\"password\"\":\"\"********\"\""), dry::toString);
    assertFalse(dry.out().contains(password) || dry.err().contains(password), dry::toString);

    final CliRun run = recipe("orders-pg", "app_rw");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("orders-pg,POSTGRES_16,RUNNABLE,europe-west1"), run::toString);
    assertTrue(run.out().contains("app_rw,") && run.out().contains(",BUILT_IN"), run::toString);
    assertTrue(run.out().contains("UPDATE_USER,DONE"), run::toString);
    assertFalse(run.out().contains(password) || run.err().contains(password), run::toString);
    assertFalse(Files.readString(Path.of(RECIPE)).contains(password));

    final String audit = Files.readString(home.resolve("audit.jsonl"));
    assertTrue(audit.contains("\"resource\":\"google.sqladmin.users\",\"method\":\"update\"") && audit.contains("\"password\":\"********\""), audit);
    assertFalse(audit.contains(password), audit);
  }

  @Test void aPasswordThatBreaksTheInstancesPolicyIsRefusedWithEveryRuleAndNothingIsSent() {
    // billing-mysql's policy: 12 characters, complexity, not the user name; NEW_CLOUDSQL_PASSWORD
    // would pass, this one breaks three rules
    final CliRun run = credql("--sandbox", "-e", "EXEC google.sqladmin.users.update @project = 'demo-project',"
        + " @instance = 'billing-mysql', @name = 'billing_app', @host = '%', @password = 'billing_app'");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("at least 12 characters"), run::toString);
    assertTrue(run.err().contains("COMPLEXITY_DEFAULT"), run::toString);
    assertTrue(run.err().contains("does not allow the user name"), run::toString);
    assertTrue(run.err().contains("nothing was sent"), run::toString);
  }
}
