package io.credql.sql;

import io.credql.error.SyntaxErrorException;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDescribeSchema;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement grammar: Calcite's SQL plus StackQL's EXEC, SHOW and DESCRIBE. */
class StatementParserTest {
  private static SqlParser.Config config() {
    return SqlParser.config().withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
  }

  private static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, config()).parseStmt();
  }

  private static SyntaxErrorException syntaxError(String sql) {
    final SqlParseException e = assertThrows(SqlParseException.class, () -> parse(sql));
    return SyntaxErrorException.of(e);
  }

  private static String text(SqlNode value) {
    return SqlLiteral.unchain(value).getValueAs(String.class);
  }

  @Test void execWithCommasNamesTheMethodAndKeepsParameterCase() throws SqlParseException {
    final SqlExec exec = (SqlExec) parse(
        "EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123, @Other = 'x'");
    assertEquals(List.of("linode", "databases", "postgresql_instances_credentials",
        "postDatabasesPostgreSQLInstanceCredentialsReset"), exec.method().names);
    assertEquals("instanceId", exec.namedParameters().get(0).name());
    assertEquals("Other", exec.namedParameters().get(1).name());
    assertTrue(exec.payloads().isEmpty());
  }

  @Test void execWithoutCommasAndWithCommentsAnywhereParsesAsStackqlDocumentsWriteIt()
      throws SqlParseException {
    final SqlExec exec = (SqlExec) parse("EXEC databricks_workspace.postgres.postgres_credentials.generate\n"
        + "  @deployment_name = 'dbc-abcd0123-a1bc'        -- comments anywhere\n"
        + "  /* a block comment */ @other = 1\n"
        + "  @@json = '{\"endpoint\": \"projects/p/branches/b/endpoints/e\", \"ttl\": \"900s\"}'");
    assertEquals(2, exec.namedParameters().size());
    assertEquals("json", exec.payloads().get(0).name());
    assertTrue(text(exec.payloads().get(0).value()).contains("\"ttl\": \"900s\""));
  }

  @Test void theSeedsGenerateStatementParsesOnceItsPlaceholdersAreFilled() throws SqlParseException {
    final String seed = "EXEC databricks_workspace.postgres.postgres_credentials.generate \n"
        + "@deployment_name='{{ deployment_name }}' --required \n"
        + "@@json=\n"
        + "'{\n"
        + "\"endpoint\": \"{{ endpoint }}\", \n"
        + "\"claims\": \"{{ claims }}\"\n"
        + "}'\n"
        + ";";
    final String filled = seed.replace("{{ deployment_name }}", "dbc-abcd0123-a1bc")
        .replace("{{ endpoint }}", "projects/p/branches/b/endpoints/e")
        .replace("{{ claims }}", "[]")
        .replace(";", "");
    final SqlExec exec = (SqlExec) parse(filled);
    assertEquals("deployment_name", exec.namedParameters().get(0).name());
    assertTrue(text(exec.payloads().get(0).value()).contains("projects/p/branches/b/endpoints/e"));
  }

  @Test void methodAndResourceNamesMayBeReservedWords() throws SqlParseException {
    assertEquals(List.of("huaweicloud", "gaussdb", "db_user_password", "reset"),
        ((SqlExec) parse("EXEC huaweicloud.gaussdb.db_user_password.reset @name = 'root'")).method().names);
    assertEquals(List.of("linode", "databases", "postgresql_instances", "delete"),
        ((SqlExec) parse("EXEC linode.databases.postgresql_instances.delete @instanceId = 1")).method().names);
    assertEquals(List.of("a", "b", "user", "get"),
        ((SqlDescribeMethod) parse("DESCRIBE METHOD a.b.user.get")).method().names);
    assertEquals(List.of("a", "b", "values"), ((SqlShow) parse("SHOW METHODS IN a.b.values")).scope().names);
  }

  @Test void aCommaBeforeTheJsonBodyIsAccepted() throws SqlParseException {
    final SqlExec exec = (SqlExec) parse("EXEC a.b.c.d @x = 1, @@json = '{}'");
    assertEquals(1, exec.payloads().size());
  }

  @Test void execAcceptsHintsQuestionMarksKeywordNamesAndNoParameters() throws SqlParseException {
    final SqlExec exec = (SqlExec) parse("EXEC /*+ SHOWRESULTS, AWAIT */ a.b.c.d @default = ?, @type = -2.5");
    assertEquals(List.of("SHOWRESULTS", "AWAIT"), exec.hintNames());
    assertInstanceOf(SqlDynamicParam.class, exec.namedParameters().get(0).value());
    assertEquals("default", exec.namedParameters().get(0).name());
    assertEquals("type", exec.namedParameters().get(1).name());
    assertTrue(((SqlExec) parse("exec a.b.c.d")).namedParameters().isEmpty());
  }

  @Test void showStatementsHaveTheirTargetScopeAndPattern() throws SqlParseException {
    assertEquals(SqlShow.Target.PROVIDERS, ((SqlShow) parse("SHOW PROVIDERS")).target());
    final SqlShow services = (SqlShow) parse("SHOW SERVICES IN linode");
    assertEquals(List.of("linode"), services.scope().names);
    final SqlShow resources = (SqlShow) parse("show extended resources in linode.databases like 'postgres%'");
    assertTrue(resources.isExtended());
    assertEquals("postgres%", resources.likePattern());
    final SqlShow methods = (SqlShow) parse(
        "SHOW METHODS IN linode.databases.postgresql_instances_credentials");
    assertEquals(SqlShow.Target.METHODS, methods.target());
    assertEquals(3, methods.scope().names.size());
  }

  @Test void describeForms() throws SqlParseException {
    final SqlDescribeResource plain = (SqlDescribeResource) parse(
        "DESCRIBE linode.databases.postgresql_instances_credentials");
    assertFalse(plain.isExtended());
    assertTrue(((SqlDescribeResource) parse("DESCRIBE EXTENDED a.b.c")).isExtended());
    final SqlDescribeMethod method = (SqlDescribeMethod) parse("DESCRIBE METHOD EXTENDED a.b.c.d");
    assertTrue(method.isExtended());
    assertEquals(4, method.method().names.size());
    assertFalse(((SqlDescribeMethod) parse("DESCRIBE METHOD a.b.c.d")).isExtended());
    assertEquals(List.of("extended", "foo"), ((SqlDescribeResource) parse("DESCRIBE extended.foo")).resource().names);
    assertInstanceOf(SqlDescribeSchema.class, parse("DESCRIBE SCHEMA a.b"));
  }

  @Test void newKeywordsStayUsableAsIdentifiers() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse(
        "SELECT methods, extended, providers, resources, services FROM t WHERE services = 1");
    assertEquals(5, ((SqlNodeList) select.getSelectList()).size());
  }

  @Test void ordinarySqlStillParsesWithItsCaseKept() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse(
        "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123");
    assertTrue(select.getWhere().toString().contains("instanceId"));
  }

  @Test void malformedStatementsGiveAPositionAndWhatWasExpected() {
    final SyntaxErrorException missingValue = syntaxError("EXEC a.b.c.d @x =");
    assertEquals(1, missingValue.line());
    assertTrue(missingValue.getMessage().startsWith("syntax error at line 1, column"), missingValue.getMessage());

    final SyntaxErrorException badShow = syntaxError("SHOW TABLES");
    assertTrue(badShow.getMessage().contains("line 1, column 1"), badShow.getMessage());

    final SyntaxErrorException secondLine = syntaxError("SELECT *\nFORM t");
    assertEquals(2, secondLine.line());

    final SyntaxErrorException spaceAfterAt = syntaxError("EXEC a.b.c.d @ x = 1");
    assertTrue(spaceAfterAt.getMessage().contains("line 1"), spaceAfterAt.getMessage());
    assertFalse(spaceAfterAt.getMessage().contains("\n"), spaceAfterAt.getMessage());
  }

  @Test void syntaxErrorsNeverQuoteALiteralTheyStoppedAt() {
    final String[] statements = {
        "EXEC a.b.c.d @password 'Quoted-Secret-1'",
        "EXEC a.b.c.d @password = 'Quoted-Secret-1' @ 'Quoted-Secret-1'",
        "EXEC a.b.c.d @password = 'Quoted-Secret-1",
        "SELECT * FROM t WHERE password = 'Quoted-Secret-1' WHERE 'x'",
        "SELECT * FROM t WHERE password = N'Quoted-Secret-1' x",
        "INSERT INTO t (password) VALUES ('Quoted-Secret-1' x)",
        "EXEC a.b.c.d @@json = '{\"password\": \"Quoted-Secret-1\"}' x",
        "SELECT 'Quoted-Secret-1' FROM",
    };
    for (String sql : statements) {
      final SyntaxErrorException error = syntaxError(sql);
      assertFalse(error.getMessage().contains("Quoted-Secret"), sql + " -> " + error.getMessage());
      assertTrue(error.getMessage().startsWith("syntax error at line 1, column"), sql + " -> " + error.getMessage());
    }
  }
}
