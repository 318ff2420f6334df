package io.credql.sql;

import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

import static io.credql.sql.StackqlStatementParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** StackQL's USE, SLEEP, PURGE, NATIVEQUERY and EXPLAIN in the statement grammar. */
class StackqlSessionStatementParserTest {
  @Test void useNamesAProvider() throws SqlParseException {
    assertEquals("linode", ((SqlUse) parse("use linode")).provider().getSimple());
  }

  @Test void sleepKeepsWhatWasWrittenForTheHandlerToCheck() throws SqlParseException {
    assertInstanceOf(SqlNumericLiteral.class, ((SqlSleep) parse("SLEEP 250")).milliseconds());
    assertEquals(-5, ((SqlNumericLiteral) ((SqlSleep) parse("SLEEP -5")).milliseconds()).intValue(true));
    assertEquals(SqlKind.LITERAL, ((SqlSleep) parse("SLEEP 'soon'")).milliseconds().getKind());
  }

  @Test void purgeTakesAnOptionalTarget() throws SqlParseException {
    assertNull(((SqlPurge) parse("PURGE")).target());
    assertEquals("CONSERVATIVE", ((SqlPurge) parse("PURGE CONSERVATIVE")).target());
  }

  @Test void nativeQueryHoldsTheQuotedSqlUnescaped() throws SqlParseException {
    assertEquals("SELECT 'a' AS x", ((SqlNativeQuery) parse("NATIVEQUERY 'SELECT ''a'' AS x'")).query());
  }

  @Test void explainWrapsAnyStatementAndLeavesCalcitesExplainPlanAlone() throws SqlParseException {
    assertInstanceOf(SqlSelect.class,
        ((SqlExplainStatement) parse("EXPLAIN SELECT id FROM linode.databases.mysql_instances")).statement());
    assertInstanceOf(SqlExec.class,
        ((SqlExplainStatement) parse("EXPLAIN EXEC a.b.c.reset @id = 1")).statement());
    assertInstanceOf(SqlMutation.class,
        ((SqlExplainStatement) parse("explain DELETE FROM a.b.c WHERE id = 1")).statement());
    assertInstanceOf(SqlExplain.class, parse("EXPLAIN PLAN FOR SELECT 1"));
  }

  @Test void theWordsStayUsableAsColumnNames() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT use, sleep, purge, nativequery, auth FROM t");
    assertEquals(5, select.getSelectList().size());
  }

  @Test void authLoginAndRevokeNameAProviderAndShowAuthMayNameOne() throws SqlParseException {
    final SqlAuth login = (SqlAuth) parse("AUTH LOGIN google serviceaccount '/k.json'");
    assertEquals(SqlAuth.Action.LOGIN, login.action());
    assertEquals("google", login.provider().getSimple());
    assertEquals("serviceaccount", login.scheme());
    assertEquals("/k.json", login.keyFile());
    assertNull(login.envVar());
    final SqlAuth envVar = (SqlAuth) parse("auth login google sa '' 'GOOGLE_KEY'");
    assertEquals("", envVar.keyFile());
    assertEquals("GOOGLE_KEY", envVar.envVar());
    assertNull(((SqlAuth) parse("AUTH LOGIN google")).scheme());
    assertEquals(SqlAuth.Action.REVOKE, ((SqlAuth) parse("auth revoke google")).action());
    final SqlShow show = (SqlShow) parse("SHOW AUTH google");
    assertEquals(SqlShow.Target.AUTH, show.target());
    assertEquals("google", show.scope().getSimple());
    assertNull(((SqlShow) parse("SHOW AUTH LIKE 'g%'")).scope());
  }
}
