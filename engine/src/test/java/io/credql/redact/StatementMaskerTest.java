package io.credql.redact;

import io.credql.session.ProviderCatalog;
import io.credql.session.CatalogSecretNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;

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

  @Test void aSetOptionOfASecretNameIsMasked() {
    assertEquals("SET password = '********'", masker.mask("SET password = 'Set-Secret-4'"));
    assertEquals("ALTER SESSION SET api_token = '********'",
        masker.mask("ALTER SESSION SET api_token = 'Set-Secret-5'"));
  }

  @Test void everyLiteralOfASecretValueIsMaskedAndTheNameGivenToEnvIsKept() {
    assertEquals("UPDATE r.s.users SET password = '********' || '********' WHERE name = 'a'",
        masker.mask("UPDATE r.s.users SET password = 'first-half' || 'second-half' WHERE name = 'a'"));
    assertEquals("SELECT * FROM t WHERE token IN ('********', '********')",
        masker.mask("SELECT * FROM t WHERE token IN ('tok-one-1', 'tok-two-2')"));
  }

  @Test void anInsertWhoseValuesCannotBeMatchedToColumnsHasThemAllMasked() {
    assertEquals("INSERT INTO r.s.users VALUES ('********', '********')",
        masker.mask("INSERT INTO r.s.users VALUES ('a-name', 'pw-one-1')"));
    assertEquals("INSERT INTO r.s.users (name, password) SELECT '********', '********' FROM t",
        masker.mask("INSERT INTO r.s.users (name, password) SELECT 'a-name', 'pw-one-1' FROM t"));
  }

  @Test void aValueMaskedOnceIsMaskedWhereverItIsGivenAgain() {
    masker.mask("EXEC a.b.c.d @password = 'Reused-Secret-7'");
    assertEquals("SELECT * FROM t WHERE label = '********'",
        masker.mask("SELECT * FROM t WHERE label = 'Reused-Secret-7'"));
    assertEquals("EXEC a.b.c.d @password = '********', @note = '********'",
        new StatementMasker(new Redactor()).mask(
            "EXEC a.b.c.d @password = 'Other-Secret-8', @note = 'Other-Secret-8'"));
  }

  /** The vault test document's fields are named like nothing secret; its markers say they are. */
  @Nested class WhatADocumentMarksSecret {
    private final StatementMasker documented = new StatementMasker(redactor, CatalogSecretNames.of(
        ProviderCatalog.create(List.of(), List.of(Paths.get("src/test/resources/secret-markers")))));

    @Test void aMarkedFieldInsideAJsonBodyIsMasked() {
      assertEquals("EXEC vault.locks.locks.create @@json = '{\"label\":\"front\",\"phrase\":\"********\"}'",
          documented.mask("EXEC vault.locks.locks.create @@json = '{\"label\": \"front\", \"phrase\":"
              + " \"Phrase-Secret-1\"}'"));
    }

    @Test void everyMarkedColumnOfAnInsertIsMaskedInEveryRow() {
      assertEquals("INSERT INTO vault.locks.locks (label, dial, seal, charm, latch) VALUES"
              + " ('front', '********', '********', '********', '********'),"
              + " ('back', '********', '********', '********', '********')",
          documented.mask("INSERT INTO vault.locks.locks (label, dial, seal, charm, latch) VALUES"
              + " ('front', 'dial-1', 'seal-1', 'charm-1', 'latch-1'), ('back', 'dial-2', 'seal-2', 1234, 5678)"));
    }

    @Test void aMarkedExecParameterAndAConditionOnAMarkedColumnAreMasked() {
      assertEquals("EXEC vault.locks.locks.open @label = 'front', @dial = '********'",
          documented.mask("EXEC vault.locks.locks.open @label = 'front', @dial = 'Dial-Secret-2'"));
      assertEquals("SELECT * FROM vault.locks.locks l WHERE l.phrase = '********'",
          documented.mask("SELECT * FROM vault.locks.locks l WHERE l.phrase = 'Phrase-Secret-3'"));
    }

    @Test void theSameNamesOnAResourceThatDoesNotMarkThemAreKept() {
      final String insert = "INSERT INTO r.s.users (label, dial) VALUES ('front', 'dial-1')";
      assertEquals(insert, documented.mask(insert));
    }

    @Test void aStatementThatDoesNotParseIsMaskedWholeWhenItMentionsAMarkedName() {
      assertEquals("EXEC vault.locks.locks.open @dial = '********' oops",
          documented.mask("EXEC vault.locks.locks.open @dial = 'Dial-Secret-9' oops"));
    }
  }
}
