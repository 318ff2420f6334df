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
 * The Azure rotation recipe of docs/rotation-azure.md, run as the guide shows it: the script
 * {@code docs/recipes/azure-rotation.sql} on the sandbox's demo subscription, with the PATCH body in
 * {@code AZURE_ADMIN_PASSWORD_PATCH} (set by surefire); a dry run first.
 */
class AzureRotationRecipeTest {
  private static final String RECIPE = "../docs/recipes/azure-rotation.sql";
  private static final String SUBSCRIPTION = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  private static final String PASSWORD = "Recipe-Azure-Admin-2025";

  @TempDir Path home;

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }

  private CliRun recipe(String group, String server, String... more) {
    final List<String> args = new ArrayList<>(List.of("--sandbox", "-f", RECIPE, "--output", "csv",
        "--var", "subscription_id=" + SUBSCRIPTION, "--var", "resource_group=" + group,
        "--var", "server=" + server));
    args.addAll(List.of("--property", "auditLog=" + home.resolve("audit.jsonl")));
    args.addAll(List.of(more));
    return credql(args.toArray(new String[0]));
  }

  @Test void aDryRunShowsThePatchMaskedThenTheRecipeSetsThePasswordAndAwaitsTheOperation() throws Exception {
    assertTrue(System.getenv("AZURE_ADMIN_PASSWORD_PATCH").contains(PASSWORD));
    final CliRun dry = recipe("rg-prod", "orders-pg-flex", "--dry-run");
    assertEquals(0, dry.status(), dry::toString);
    assertTrue(dry.out().contains("PATCH") && dry.out().contains("flexibleServers/orders-pg-flex?api-version="),
        dry::toString);
    assertTrue(dry.out().contains("\"\"administratorLoginPassword\"\":\"\"********\"\""), dry::toString);
    assertFalse(dry.out().contains(PASSWORD) || dry.err().contains(PASSWORD), dry::toString);

    final CliRun run = recipe("rg-prod", "orders-pg-flex");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("orders-pg-flex,westeurope"), run::toString);
    assertTrue(run.out().contains("pgadmin"), run::toString);
    assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run::toString);

    final String audit = Files.readString(home.resolve("audit.jsonl"));
    assertTrue(audit.contains("\"resource\":\"azure.postgresql_flexible_servers.servers\",\"method\":\"update\""), audit);
    assertFalse(audit.contains(PASSWORD), audit);
  }

  @Test void aPasswordThatBreaksAzuresRulesIsRefusedWithEveryRuleAndNothingIsSent() {
    final CliRun run = credql("--sandbox", "-e", "EXEC azure.postgresql_flexible_servers.servers.update"
        + " @subscription_id = '" + SUBSCRIPTION + "', @resource_group_name = 'rg-prod',"
        + " @server_name = 'orders-pg-flex'"
        + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"pgadmin\"}}'");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("8 to 128 characters"), run::toString);
    assertTrue(run.err().contains("three of the four classes"), run::toString);
    // the password here is the login itself, so the login is masked like the password it also is
    assertTrue(run.err().contains("must not contain the administrator login ("), run::toString);
    assertFalse(run.err().contains("pgadmin"), run::toString);
    assertTrue(run.err().contains("nothing was sent"), run::toString);
  }
}
