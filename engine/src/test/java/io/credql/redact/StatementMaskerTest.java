package io.credql.redact;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the shell's history keeps of statements that carry secrets. */
class StatementMaskerTest {
  private final Redactor redactor = new Redactor();
  private final StatementMasker masker = new StatementMasker(redactor);

  @Test void aSecretExecParameterIsMaskedAndTheRestKept() {
    assertEquals("EXEC huaweicloud.rds.root_password.reset @region = 'ap-southeast-1', "
            + "@db_user_pwd = '********'",
        masker.mask("EXEC huaweicloud.rds.root_password.reset @region = 'ap-southeast-1', "
            + "@db_user_pwd = 'Test_2345674'"));
  }

  @Test void secretFieldsInsideAJsonBodyAreMasked() {
    assertEquals("EXEC a.b.c.d @x = 1 @@json = '{\"name\":\"root\",\"password\":\"********\"}'",
        masker.mask("EXEC a.b.c.d @x = 1 @@json = '{\"name\": \"root\", \"password\": \"S3cret-9!\"}'"));
  }

  @Test void anInsertsSecretColumnsAreMaskedRowByRow() {
    assertEquals("INSERT INTO r.s.users (name, password) VALUES ('a', '********'), ('b', '********')",
        masker.mask("INSERT INTO r.s.users (name, password) VALUES ('a', 'pw-one-1'), ('b', 'pw-two-2')"));
  }

  @Test void updatesAndConditionsOnSecretColumnsAreMasked() {
    assertEquals("UPDATE r.s.users SET password = '********' WHERE name = 'a'",
        masker.mask("UPDATE r.s.users SET password = 'new-pass-1' WHERE name = 'a'"));
    assertEquals("SELECT * FROM t WHERE token = '********'",
        masker.mask("SELECT * FROM t WHERE token = 'tok-123456'"));
  }

  @Test void statementsWithoutSecretsAreKeptAsTyped() {
    final String select = "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123";
    assertEquals(select, masker.mask(select));
    final String insert = "INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('dpg-abc', 'app_v2')";
    assertEquals(insert, masker.mask(insert));
    final String env = "EXEC a.b.c.d @password = env('NEW_DB_PASSWORD')";
    assertEquals(env, masker.mask(env));
  }

  @Test void secretsTheConnectionHasSeenAreMaskedAnywhere() {
    redactor.register("copied-Secret-42");
    assertEquals("EXEC a.b.c.d @note = '********'", masker.mask("EXEC a.b.c.d @note = 'copied-Secret-42'"));
  }

  @Test void aStatementThatDoesNotParseHasAllItsLiteralsMaskedIfItMentionsASecret() {
    assertEquals("EXEC a.b.c.d @password = '********' oops '********'",
        masker.mask("EXEC a.b.c.d @password = 'hunter2-x' oops 'more'"));
    assertEquals("SELEC 'fine'", masker.mask("SELEC 'fine'"));
  }
}
