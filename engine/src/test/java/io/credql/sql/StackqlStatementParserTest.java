package io.credql.sql;

import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.ddl.SqlCreateMaterializedView;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropMaterializedView;
import org.apache.calcite.sql.ddl.SqlDropView;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.Util;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackQL's mutations, views, SHOW INSERT and identifiers in the statement grammar. */
class StackqlStatementParserTest {
  /** Parses one statement as a credql connection does (StackQL's identifiers, case kept). */
  static SqlNode parse(String sql) throws SqlParseException {
    final SqlParser.Config config = SqlParser.config().withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
    return SqlParser.create(StackqlIdentifiers.toCalcite(sql), config).parseStmt();
  }

  private static List<String> names(Iterable<SqlNode> nodes) {
    final List<String> names = new ArrayList<>();
    nodes.forEach(n -> names.add(((SqlIdentifier) n).isStar() ? "*" : ((SqlIdentifier) n).getSimple()));
    return names;
  }

  @Test void insertSelectReturningAsStackqlsDocGeneratorLaysItOut() throws SqlParseException {
    final SqlMutation insert = (SqlMutation) parse("INSERT INTO databricks_workspace.postgres.projects (\n"
        + "deployment_name,\nspec\n)\nSELECT \n'dbc-1',\n'{\"a\": 1}'\nRETURNING\nname,\nuid\n;".replace(";", ""));
    assertEquals(SqlMutation.Verb.INSERT, insert.verb());
    final SqlInsert statement = (SqlInsert) insert.statement();
    assertEquals(List.of("deployment_name", "spec"), names(statement.getTargetColumnList()));
    assertInstanceOf(SqlSelect.class, statement.getSource());
    assertEquals(2, ((SqlSelect) statement.getSource()).getSelectList().size());
    assertEquals(List.of("name", "uid"), names(insert.returning()));
  }

  @Test void aStatementCopiedFromAReferencePageKeepsItsAnchorCommentAndFinalSemicolon() throws SqlParseException {
    final SqlMutation delete = (SqlMutation) parse("/*+ delete */\nDELETE FROM awscc.rds.db_instances\n"
        + "WHERE Identifier = 'db-1' AND region = 'us-east-1'\nRETURNING\n  ErrorCode,\n  Identifier\n;\n-- done\n");
    assertEquals(SqlMutation.Verb.DELETE, delete.verb());
    assertEquals(List.of("ErrorCode", "Identifier"), names(delete.returning()));
    assertInstanceOf(SqlSelect.class, parse("SELECT region FROM awscc.rds.db_instances_list_only\n"
        + "WHERE region = 'us-east-1' -- required;\n;"));
    assertThrows(SqlParseException.class, () -> parse("SELECT 1; SELECT 2;"));
  }

  @Test void aReservedWordThatStartsADottedNameIsAName() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT labels FROM google.monitoring.members WHERE projectsId = 'p1'"
        + " -- required\nAND interval.endTime = '2026-01-01T00:00:00Z' AND interval.startTime = 'x';");
    final SqlCall first = (SqlCall) ((SqlCall) ((SqlCall) select.getWhere()).operand(0)).operand(1);
    assertEquals(List.of("interval", "endTime"), ((SqlIdentifier) first.operand(0)).names);
    assertInstanceOf(SqlSelect.class, parse("SELECT * FROM t WHERE d > CURRENT_DATE - INTERVAL '1' DAY AND e = 1"));
  }

  @Test void aColumnNamedUniqueOrExistsIsANameWhereNoQueryFollows() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT name, state, unique\nFROM google.firestore.indexes\n"
        + "WHERE projectsId = 'p1';");
    assertEquals(List.of("name", "state", "unique"), names(select.getSelectList()));
    final SqlSelect predicate = (SqlSelect) parse("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u) AND exists = 1");
    assertEquals(SqlKind.EXISTS, ((SqlCall) ((SqlCall) predicate.getWhere()).operand(0)).getKind());
  }

  @Test void aColumnNamedIntervalAndAnExecMethodNamedWithAHyphenParseAsStackqlsPagesWriteThem()
      throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT\nname,\ninterval\nFROM google.monitoring.snoozes\n"
        + "WHERE projectsId = 'p1' -- required;");
    assertEquals("interval", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
    assertInstanceOf(SqlSelect.class, parse("SELECT * FROM t WHERE d > CURRENT_DATE - INTERVAL '1' DAY"));
    final SqlExec exec = (SqlExec) parse("EXEC google.healthcare.fhir.binary-create @projectsId='p1' --required,\n"
        + "@fhirStoresId='s1';");
    assertEquals("binary-create", Util.last(exec.method().names));
    assertInstanceOf(SqlSelect.class, parse("SELECT a.b-c FROM t AS a"));
  }

  @Test void mutationsTakeHintsAfterTheirFirstWordAndIntoIsOptional() throws SqlParseException {
    final SqlMutation insert = (SqlMutation) parse(
        "INSERT /*+ AWAIT */ relay.core.servers (serverName) VALUES ('a') RETURNING *");
    assertEquals(List.of("AWAIT"), insert.hintNames());
    assertEquals(List.of("*"), names(insert.returning()));
    final SqlMutation delete = (SqlMutation) parse(
        "DELETE /*+ AWAIT */ FROM relay.core.servers WHERE serverName = 'a'");
    assertInstanceOf(SqlDelete.class, delete.statement());
    assertEquals(List.of("AWAIT"), delete.hintNames());
    assertNull(delete.returning());
  }

  @Test void ignoreAfterTheHintsAndDescAsDescribeParseAsInStackqlsGrammar() throws SqlParseException {
    final SqlMutation insert = (SqlMutation) parse(
        "INSERT /*+ AWAIT */ IGNORE INTO relay.core.servers (serverName) VALUES ('a')");
    assertEquals(List.of("AWAIT"), insert.hintNames());
    assertInstanceOf(SqlInsert.class, insert.statement());
    assertInstanceOf(SqlUpdate.class, ((SqlMutation) parse(
        "REPLACE IGNORE relay.core.servers SET serverName = 'b' WHERE serverName = 'a'")).statement());
    assertEquals("relay.core.servers",
        ((SqlDescribeResource) parse("DESC relay.core.servers")).resource().toString());
    assertInstanceOf(SqlDescribeMethod.class, parse("desc METHOD EXTENDED relay.core.servers.getServer"));
    assertEquals("ignore.core.servers", ((SqlUpdate) ((SqlMutation) parse(
        "UPDATE ignore.core.servers SET serverName = 'b' WHERE serverName = 'a'")).statement())
        .getTargetTable().toString());
  }

  @Test void replaceAndUpdateHaveSetWhereAndReturning() throws SqlParseException {
    final SqlMutation replace = (SqlMutation) parse("REPLACE /*+ AWAIT */ azure.pg.servers SET "
        + "location = 'eu', default = true WHERE server_name = 's' AND resource_group_name = 'rg' RETURNING id");
    assertEquals(SqlMutation.Verb.REPLACE, replace.verb());
    final SqlUpdate update = (SqlUpdate) replace.statement();
    assertEquals(List.of("location", "default"), names(update.getTargetColumnList()));
    assertEquals(SqlKind.AND, update.getCondition().getKind());
    assertEquals(List.of("id"), names(replace.returning()));
    assertTrue(replace.toString().startsWith("REPLACE"), replace.toString());
    final SqlMutation plain = (SqlMutation) parse("UPDATE r SET a = 1");
    assertEquals(SqlMutation.Verb.UPDATE, plain.verb());
  }

  @Test void anEmptySetAsStackqlsPagesWriteItForAMethodWithoutBodyFieldsTakesEveryInputFromWhere()
      throws SqlParseException {
    final SqlMutation mutation = (SqlMutation) parse(
        "UPDATE linode.databases.postgresql_instances\nSET \n-- No updatable properties\nWHERE \n"
            + "instanceId = '1' --required\nAND label = 'a'\nRETURNING id");
    final SqlUpdate update = (SqlUpdate) mutation.statement();
    assertEquals(List.of(), names(update.getTargetColumnList()));
    assertEquals(SqlKind.AND, update.getCondition().getKind());
    assertEquals(List.of("id"), names(mutation.returning()));
    final SqlParseException e = assertThrows(SqlParseException.class,
        () -> parse("UPDATE linode.databases.postgresql_instances SET , a = 1 WHERE instanceId = '1'"));
    assertTrue(e.getMessage().contains("\",\""), e.getMessage());
  }

  @Test void viewsAreCreatedReplacedRefreshedAndDropped() throws SqlParseException {
    final SqlCreateView view = (SqlCreateView) parse(
        "CREATE OR REPLACE VIEW big AS SELECT name FROM acme.things.widgets WHERE size > 1");
    assertTrue(view.getReplace());
    assertEquals("big", view.name.getSimple());
    final SqlCreateMaterializedView materialized = (SqlCreateMaterializedView) parse(
        "CREATE MATERIALIZED VIEW IF NOT EXISTS snap AS SELECT 1 AS n");
    assertTrue(materialized.ifNotExists);
    assertTrue(((SqlDropView) parse("DROP VIEW IF EXISTS big")).ifExists);
    assertFalse(((SqlDropMaterializedView) parse("DROP MATERIALIZED VIEW snap")).ifExists);
    assertEquals("snap", ((SqlRefreshMaterializedView) parse("REFRESH MATERIALIZED VIEW snap")).name().getSimple());
    final SqlParseException e = assertThrows(SqlParseException.class,
        () -> parse("CREATE VIEW IF NOT EXISTS v AS SELECT 1"));
    assertTrue(e.getMessage().contains("use CREATE OR REPLACE VIEW"), e.getMessage());
  }

  @Test void showInsertTakesTheRequiredHintAndAColumnList() throws SqlParseException {
    final SqlShow show = (SqlShow) parse("SHOW INSERT /*+ REQUIRED */ INTO google.compute.instances (project, zone)");
    assertEquals(SqlShow.Target.INSERT, show.target());
    assertEquals(List.of("REQUIRED"), show.hintNames());
    assertEquals(List.of("google", "compute", "instances"), show.scope().names);
    assertEquals(List.of("project", "zone"), names(show.columns()));
    final SqlShow where = (SqlShow) parse("SHOW METHODS IN a.b.c WHERE SQLVerb = 'EXEC' AND MethodName LIKE 'get%'");
    assertEquals(SqlKind.AND, where.where().getKind());
  }

  @Test void wordsStackqlsDocumentsUseAsColumnsParseUnquoted() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT default, table, value, user, type, key, position,"
        + " name, status, date, time, role FROM t WHERE value = 1 AND default = true AND date > '2024'");
    assertEquals(List.of("default", "table", "value", "user", "type", "key", "position", "name",
        "status", "date", "time", "role"), names(select.getSelectList()));
    final SqlMutation insert = (SqlMutation) parse(
        "INSERT INTO r (default, table, user, value) VALUES (true, 't', 'u', 1) RETURNING default, user");
    assertEquals(List.of("default", "table", "user", "value"),
        names(((SqlInsert) insert.statement()).getTargetColumnList()));
    assertEquals(List.of("default", "user"), names(insert.returning()));
    final SqlSelect literals = (SqlSelect) parse("SELECT DATE '2024-01-02', CAST(x AS DATE) FROM t");
    assertEquals(SqlKind.LITERAL, literals.getSelectList().get(0).getKind());
  }

  /** Calcite's reserved words that StackQL's registry documents use as field or parameter names. */
  private static final List<String> RESERVED_NAMES = List.of("limit", "offset", "like", "filter", "cursor",
      "identity", "primary", "timestamp", "method", "pattern", "max", "min", "values", "group", "rows",
      "search", "result", "year", "month", "day", "hour", "minute", "second");

  @Test void reservedWordsStackqlsDocumentsUseAsNamesWorkUnquotedWhereverANameStands()
      throws SqlParseException {
    for (String word : RESERVED_NAMES) {
      final SqlOrderBy ordered = (SqlOrderBy) parse("SELECT " + word + ", t." + word + ", x AS " + word
          + " FROM t WHERE " + word + " = 1 AND (" + word + " > 0 OR " + word + " IN (1, 2))"
          + " ORDER BY " + word + " LIMIT 3");
      final SqlSelect select = (SqlSelect) ordered.query;
      assertEquals(List.of(word, word, word), aliasesOrNames(select.getSelectList()), word);
      assertEquals("`" + word + "` = 1 AND (`" + word + "` > 0 OR `" + word + "` IN (1, 2))",
          select.getWhere().toString(), word);
      assertEquals(word, ((SqlIdentifier) ordered.orderList.get(0)).getSimple(), word);
      assertEquals("3", String.valueOf(ordered.fetch), word);
      final SqlMutation update = (SqlMutation) parse("UPDATE p.s.r SET " + word + " = 1, other = " + word
          + "\nWHERE " + word + " = 'a' --required\nRETURNING\nid,\n" + word);
      assertEquals(List.of(word, "other"), names(((SqlUpdate) update.statement()).getTargetColumnList()), word);
      assertEquals(List.of("id", word), names(update.returning()), word);
      final SqlMutation insert = (SqlMutation) parse("INSERT INTO p.s.r (\n" + word + ",\nname\n)\nSELECT \n"
          + "'{{ " + word + " }}',\n'n'\nRETURNING\n" + word);
      assertEquals(List.of(word, "name"), names(((SqlInsert) insert.statement()).getTargetColumnList()), word);
      assertEquals(List.of(word), names(insert.returning()), word);
    }
  }

  @Test void aResourceNamedByAReservedWordIsFoundInEveryDottedName() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT c.dnsName, c.user FROM google.sqladmin.connect AS c"
        + " WHERE project = 'p' AND instance = 'i'");
    assertEquals(List.of("google", "sqladmin", "connect"),
        ((SqlIdentifier) ((SqlCall) select.getFrom()).operand(0)).names);
    assertEquals(List.of("c", "user"), ((SqlIdentifier) select.getSelectList().get(1)).names);
    final SqlSelect odata = (SqlSelect) parse("SELECT l.level FROM azure.monitor.activity_logs l"
        + " WHERE l.$filter = 'eventTimestamp ge ''2024-01-01''' AND $top = 5");
    assertEquals("`l`.`$filter` = 'eventTimestamp ge ''2024-01-01''' AND `$top` = 5", odata.getWhere().toString());
    assertEquals(List.of("google", "sqladmin", "connect", "get"),
        ((SqlExec) parse("EXEC google.sqladmin.connect.get @project = 'p'")).method().names);
  }

  @Test void anyOtherReservedWordIsANameAsAnAliasOrAsAWholeOperand() throws SqlParseException {
    final SqlOrderBy ordered = (SqlOrderBy) parse("SELECT language, rank() OVER (ORDER BY n) AS rank,"
        + " member AS authorization FROM t WHERE language = 'go' AND member IN (1) ORDER BY rank DESC");
    final SqlSelect select = (SqlSelect) ordered.query;
    assertEquals(List.of("language", "rank", "authorization"), aliasesOrNames(select.getSelectList()));
    assertEquals("`language` = 'go' AND `member` IN (1)", select.getWhere().toString());
    assertEquals("`rank` DESC", ordered.orderList.get(0).toString());
    final SqlSelect keywords = (SqlSelect) parse("SELECT EXTRACT(DAY FROM d), TRIM(BOTH FROM s), CAST(n AS DOUBLE),"
        + " CURRENT_DATE, NULL, count(DISTINCT n), sum(n) OVER (RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        + " FROM t WHERE NOT EXISTS (SELECT 1) AND CASE WHEN n = 1 THEN TRUE ELSE FALSE END");
    assertEquals(List.of(SqlKind.EXTRACT, SqlKind.TRIM, SqlKind.CAST, SqlKind.IDENTIFIER, SqlKind.LITERAL,
        SqlKind.OTHER_FUNCTION, SqlKind.OVER), keywords.getSelectList().stream().map(SqlNode::getKind).toList());
    assertEquals("CURRENT_DATE", keywords.getSelectList().get(3).toString());
  }

  @Test void aSelectWithoutFromTakesAWhereAsInSqliteAndAnAliasMayBeAnyWord() throws SqlParseException {
    assertEquals("SELECT 1 FROM (VALUES (0)) WHERE 1 = 1", StackqlIdentifiers.toCalcite("SELECT 1 WHERE 1 = 1"));
    assertEquals("SELECT 1 FROM t WHERE (SELECT 2 FROM (VALUES (0)) WHERE 1 = 1) = 2",
        StackqlIdentifiers.toCalcite("SELECT 1 FROM t WHERE (SELECT 2 WHERE 1 = 1) = 2"));
    for (String unchanged : new String[] {"SELECT count(*) FILTER (WHERE a > 1) FROM t WHERE b",
        "SELECT extract(DAY FROM d) FROM t WHERE b", "DELETE FROM t WHERE a = 1", "UPDATE t SET a = 1 WHERE b = 2",
        "SHOW METHODS IN p.s.r WHERE SQLVerb = 'EXEC'", "SELECT t.select FROM t WHERE a"}) {
      assertEquals(unchanged, StackqlIdentifiers.toCalcite(unchanged).replace("\"", ""));
    }
    final SqlSelect aliases = (SqlSelect) parse("SELECT 1 AS interval, 2 AS rank, CAST(a AS INTERVAL DAY) AS time,"
        + " CAST(b AS DATE) AS date, CAST(c AS DOUBLE) AS double FROM t");
    assertEquals(List.of("interval", "rank", "time", "date", "double"), aliasesOrNames(aliases.getSelectList()));
    assertEquals(SqlKind.CAST, ((SqlCall) aliases.getSelectList().get(2)).operand(0).getKind());
  }

  @Test void theSqlMeaningsOfThoseWordsStay() throws SqlParseException {
    final SqlOrderBy limited = (SqlOrderBy) parse(
        "SELECT a FROM t WHERE b LIKE 'x%' AND c NOT LIKE 'y' ORDER BY a LIMIT 5 OFFSET 2");
    assertEquals("`b` LIKE 'x%' AND `c` NOT LIKE 'y'", ((SqlSelect) limited.query).getWhere().toString());
    assertEquals("5", String.valueOf(limited.fetch));
    assertEquals("2", String.valueOf(limited.offset));
    final SqlSelect calls = (SqlSelect) parse("SELECT count(*) FILTER (WHERE a > 1), max(a), min (a),"
        + " sum(a) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), TIMESTAMP '2024-01-02 03:04:05',"
        + " CAST(a AS TIMESTAMP) FROM (VALUES (1), (2)) AS v(a) GROUP BY a");
    assertEquals(SqlKind.FILTER, calls.getSelectList().get(0).getKind());
    assertEquals("max", ((SqlCall) calls.getSelectList().get(1)).getOperator().getName());
    assertEquals("min", ((SqlCall) calls.getSelectList().get(2)).getOperator().getName());
    assertEquals(SqlKind.OVER, calls.getSelectList().get(3).getKind());
    assertEquals(SqlKind.LITERAL, calls.getSelectList().get(4).getKind());
    assertEquals(SqlKind.CAST, calls.getSelectList().get(5).getKind());
    assertEquals(SqlKind.VALUES, ((SqlCall) ((SqlCall)
        calls.getFrom()).operand(0)).getKind());
    assertEquals(1, calls.getGroup().size());
    assertEquals("SELECT * FROM TABLE(f(CURSOR (SELECT 1)))",
        StackqlIdentifiers.toCalcite("SELECT * FROM TABLE(f(CURSOR (SELECT 1)))"));
    assertEquals("SELECT a FROM t LIMIT 1, 2", StackqlIdentifiers.toCalcite("SELECT a FROM t LIMIT 1, 2"));
  }

  @Test void dateUnitsAreNamesAndKeepTheirMeaningsInIntervalsExtractAndTimestampadd()
      throws SqlParseException {
    final SqlSelect names = (SqlSelect) parse("SELECT day, hour, t.month, x AS year, minute,"
        + " second FROM t WHERE day = 1 AND hour > 2");
    assertEquals(List.of("day", "hour", "month", "year", "minute", "second"),
        aliasesOrNames(names.getSelectList()));
    final SqlSelect units = (SqlSelect) parse("SELECT EXTRACT(DAY FROM d), INTERVAL '1' DAY,"
        + " INTERVAL '2:30' HOUR TO MINUTE, TIMESTAMPADD(HOUR, 1, ts), FLOOR(ts TO MONTH),"
        + " CAST(n AS INTERVAL SECOND), year(d) FROM t");
    assertEquals(List.of(SqlKind.EXTRACT, SqlKind.LITERAL, SqlKind.LITERAL, SqlKind.TIMESTAMP_ADD,
        SqlKind.FLOOR, SqlKind.CAST, SqlKind.OTHER_FUNCTION),
        units.getSelectList().stream().map(SqlNode::getKind).toList());
    assertEquals("INTERVAL '2:30' HOUR TO MINUTE", units.getSelectList().get(2).toString());
  }

  @Test void showVersionAndShowExtendedVersionParse() throws SqlParseException {
    final SqlShow version = (SqlShow) parse("SHOW VERSION");
    assertEquals(SqlShow.Target.VERSION, version.target());
    assertFalse(version.isExtended());
    final SqlShow extended = (SqlShow) parse("show extended version");
    assertEquals(SqlShow.Target.VERSION, extended.target());
    assertTrue(extended.isExtended());
    final SqlSelect column = (SqlSelect) parse("SELECT version FROM t");
    assertEquals(List.of("version"), names(column.getSelectList()));
  }

  private static List<String> aliasesOrNames(Iterable<SqlNode> nodes) {
    final List<String> names = new ArrayList<>();
    for (SqlNode node : nodes) {
      names.add(node instanceof SqlIdentifier ? ((SqlIdentifier) node).names.get(((SqlIdentifier) node).names.size() - 1)
          : ((SqlIdentifier) ((SqlCall) node).operand(1)).getSimple());
    }
    return names;
  }

  @Test void backQuotedIdentifiersWorkBesideDoubleQuotedOnes() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT `my name`, \"other\", `a``b` FROM `p`.s.`r`");
    assertEquals(List.of("my name", "other", "a`b"), names(select.getSelectList()));
    assertEquals(List.of("p", "s", "r"), ((SqlIdentifier) select.getFrom()).names);
  }

  @Test void anAtNameOutsideExecIsAColumnAsStackqlsLexerReadsItAndInsideExecAnArgument() {
    assertEquals("SELECT \"@odata.type\", id FROM t WHERE \"@odata.type\" = '{{ @odata.type }}'",
        StackqlIdentifiers.toCalcite("SELECT @odata.type, id FROM t WHERE @odata.type = '{{ @odata.type }}'"));
    assertEquals("INSERT INTO p.s.r (\"@odata.type\", \"data__@odata.type\", id) SELECT 'a', 'b', 'c'",
        StackqlIdentifiers.toCalcite("INSERT INTO p.s.r (@odata.type, data__@odata.type, id) SELECT 'a', 'b', 'c'"));
    assertEquals("UPDATE p.s.r SET \"@odata.type\" = 'a' WHERE id = 'b'",
        StackqlIdentifiers.toCalcite("UPDATE p.s.r SET @odata.type = 'a' WHERE id = 'b'"));
    assertEquals("EXEC p.s.r.m @id = 'a', @\"odata.type\" = 'b'; SELECT \"@odata.type\" FROM t",
        StackqlIdentifiers.toCalcite("EXEC p.s.r.m @id = 'a', @odata.type = 'b'; SELECT @odata.type FROM t"));
    assertEquals("EXPLAIN EXEC p.s.r.m @id = 'a'", StackqlIdentifiers.toCalcite("EXPLAIN EXEC p.s.r.m @id = 'a'"));
  }

  @Test void theRewriteLeavesStringsCommentsArgumentsAndCalcitesTableKeywordAlone() {
    assertEquals("SELECT 'a `b` default', \"user\" -- `c` default\nFROM t",
        StackqlIdentifiers.toCalcite("SELECT 'a `b` default', user -- `c` default\nFROM t"));
    assertEquals("EXEC p.s.r.m @default = 1, @user = '`x`'",
        StackqlIdentifiers.toCalcite("EXEC p.s.r.m @default = 1, @user = '`x`'"));
    assertEquals("SELECT * FROM TABLE(f(1)) AS \"table\"",
        StackqlIdentifiers.toCalcite("SELECT * FROM TABLE(f(1)) AS table"));
    assertEquals("/*+ AWAIT */ \"default\"", StackqlIdentifiers.toCalcite("/*+ AWAIT */ default"));
  }

  private static List<String> parameterNames(SqlExec exec) {
    final List<String> names = new ArrayList<>();
    exec.namedParameters().forEach(p -> names.add(p.name()));
    return names;
  }

  @Test void execParametersNamedAsStackqlsPagesWriteThemWithHyphensDotsAndBrackets() throws SqlParseException {
    final SqlExec exec = (SqlExec) parse("EXEC cloudflare.r2.locks.update \n"
        + "@bucket_name='b' --required, \n@cf-r2-jurisdiction='eu', \n@$.xgafv='1', \n@include[]='a',\n"
        + "@\"X Quoted\"='q', @`Back-Ticked`='t', @If-Match='*', @page[size]=5\n@@json=\n'{\"rules\": []}'");
    assertEquals(List.of("bucket_name", "cf-r2-jurisdiction", "$.xgafv", "include[]", "X Quoted", "Back-Ticked",
        "If-Match", "page[size]"), parameterNames(exec));
    assertEquals(1, exec.payloads().size());
  }

  @Test void hyphenatedAndReservedNamesAreColumnsInInsertSetWhereAndReturning() throws SqlParseException {
    final SqlMutation insert = (SqlMutation) parse("INSERT INTO cloudflare.healthchecks.healthchecks (\n"
        + "data__name,\ninterval,\nselect,\ncf-r2-jurisdiction,\n$.xgafv\n)\nSELECT \n'n',\n30,\n'q',\n'eu',\n'1'"
        + "\nRETURNING\nid,\ninterval,\nx5t#S256,\nselect");
    assertEquals(List.of("data__name", "interval", "select", "cf-r2-jurisdiction", "$.xgafv"),
        names(((SqlInsert) insert.statement()).getTargetColumnList()));
    assertEquals(List.of("id", "interval", "x5t#S256", "select"), names(insert.returning()));

    final SqlMutation update = (SqlMutation) parse("UPDATE cloudflare.healthchecks.healthchecks\nSET \n"
        + "interval = 30,\nselect = 'q'\nWHERE \nzone_id = 'z' --required\nAND If-Match = '*'\n"
        + "AND $.xgafv = '1'\nAND cf-r2-jurisdiction = 'eu'");
    final SqlUpdate statement = (SqlUpdate) update.statement();
    assertEquals(List.of("interval", "select"), names(statement.getTargetColumnList()));
    assertEquals("`zone_id` = 'z' AND `If-Match` = '*' AND `$.xgafv` = '1' AND `cf-r2-jurisdiction` = 'eu'",
        String.valueOf(statement.getCondition()).replace("\n", " "));

    final SqlSelect filtered = (SqlSelect) parse("SELECT id FROM datadog.security.vulnerabilities\n"
        + "WHERE page[token] = 't'\nAND filter[cvss.base.score][`$op`] = '1.5'\nAND filter[@resource_id] = 'r'\nAND filter[incident-type] = 'i'");
    // the name keeps its back-quotes, as the document spells it (Calcite doubles them when it prints)
    assertEquals("`page[token]` = 't' AND `filter[cvss.base.score][``$op``]` = '1.5' AND `filter[@resource_id]` = 'r'"
        + " AND `filter[incident-type]` = 'i'",
        String.valueOf(filtered.getWhere()).replace("\n", " "));

    final SqlDelete delete = (SqlDelete) ((SqlMutation) parse("DELETE FROM pagerduty.users.sessions\n"
        + "WHERE id = 'u' --required\nAND Content-Type = 'application/json'")).statement();
    assertEquals("`id` = 'u' AND `Content-Type` = 'application/json'",
        String.valueOf(delete.getCondition()).replace("\n", " "));
  }

  @Test void selectListsNameColumnsAsStackqlsPagesPrintThemUnquoted() throws SqlParseException {
    // okta apps.keys prints x5t#S256 and github repos.stats_participation prints all, each on its own line
    final SqlSelect select = (SqlSelect) parse("SELECT\nall,\nkid,\nx5t#S256\nFROM okta.apps.keys\n"
        + "WHERE x5t#S256 = 'k'");
    assertEquals(List.of("all", "kid", "x5t#S256"), names(select.getSelectList()));
    assertEquals("`x5t#S256` = 'k'", String.valueOf(select.getWhere()));
    assertEquals(List.of("distinct"), names(((SqlSelect) parse("SELECT distinct FROM t")).getSelectList()));
    final SqlSelect quantified = (SqlSelect) parse("SELECT DISTINCT a, b FROM t");
    assertEquals(List.of("a", "b"), names(quantified.getSelectList()));
    assertTrue(quantified.isDistinct());
    assertEquals(SqlKind.OTHER_FUNCTION, ((SqlSelect) parse("SELECT count(DISTINCT a) FROM t")).getSelectList()
        .get(0).getKind());
  }

  @Test void aHyphenWithSpacesOrOutsideANamesPlaceStaysASubtraction() throws SqlParseException {
    final SqlSelect select = (SqlSelect) parse("SELECT a-b, a - b FROM t WHERE a - b = 3 AND c-d > 0");
    assertEquals("`a` - `b`", select.getSelectList().get(0).toString());
    assertEquals("`a` - `b` = 3 AND `c-d` > 0", String.valueOf(select.getWhere()).replace("\n", " "));
  }
}
