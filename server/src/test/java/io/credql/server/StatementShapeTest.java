package io.credql.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server tells what a statement does before it runs, with credql's own grammar. */
class StatementShapeTest {
  @Test void eachStatementHasTheKindItsRoleIsCheckedBy() {
    assertEquals(StatementKind.QUERY, StatementShape.of("SELECT 1").kind());
    assertEquals(StatementKind.QUERY, StatementShape.of(
        "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 1").kind());
    assertEquals(StatementKind.SHOW, StatementShape.of("SHOW SERVICES IN linode").kind());
    assertEquals(StatementKind.SHOW, StatementShape.of("DESCRIBE linode.databases.postgresql_instances").kind());
    assertEquals(StatementKind.EXEC, StatementShape.of(
        "EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset"
        + " @instanceId = 1").kind());
    assertEquals(StatementKind.CHANGE, StatementShape.of(
        "DELETE FROM render.postgres.credentials WHERE postgresId = 'dpg-a' AND username = 'u'").kind());
    assertEquals(StatementKind.CHANGE, StatementShape.of(
        "INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('dpg-a', 'u')").kind());
    assertEquals(StatementKind.OTHER, StatementShape.of("this is not SQL").kind());
  }

  @Test void onlyOperatorsMayChangeAndEveryoneMayRead() {
    assertTrue(Role.READER.permits(StatementKind.QUERY));
    assertTrue(Role.READER.permits(StatementKind.SHOW));
    assertFalse(Role.READER.permits(StatementKind.EXEC));
    assertFalse(Role.AUDITOR.permits(StatementKind.CHANGE));
    assertFalse(Role.AUDITOR.permits(StatementKind.OTHER));
    assertTrue(Role.OPERATOR.permits(StatementKind.EXEC));
    assertFalse(Role.READER.seesSecrets());
    assertTrue(Role.AUDITOR.seesSecrets());
  }

  @Test void theNamesInAStatementShowWhichProvidersItReaches() {
    final List<List<String>> names = StatementShape.of("SELECT i.id FROM linode.databases.postgresql_instances i"
        + " JOIN render.postgres.credentials c ON c.postgresId = i.label").names();
    assertTrue(names.contains(List.of("linode", "databases", "postgresql_instances")), names::toString);
    assertTrue(names.contains(List.of("render", "postgres", "credentials")), names::toString);
  }
}
