package io.credql.functions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A StackQL user's queries run through the JDBC driver: columns named and typed as SQLite names
 * and types them, StackQL's own functions, and one-line errors for mistakes in a statement.
 */
class StackqlFunctionsTest {
  private static Connection connection;

  @BeforeAll static void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:credql:");
  }

  @AfterAll static void close() throws SQLException {
    connection.close();
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object value(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  private static String error(String sql) {
    final SQLException e = assertThrows(SQLException.class, () -> rows(sql));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test void anUnaliasedExpressionIsNamedByItsTextAndTextsAreVarcharNotPadded() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT json_extract(t.doc, '$.a'), "
             + "CASE WHEN t.n > 1 THEN 'up' ELSE 'stopped' END, 'literal', t.n + 1, t.n AS named "
             + "FROM (SELECT '{\"a\":[1,2]}' AS doc, 5 AS n) AS t")) {
      final ResultSetMetaData md = rs.getMetaData();
      assertEquals("json_extract(t.doc, '$.a')", md.getColumnLabel(1));
      assertEquals("CASE WHEN t.n > 1 THEN 'up' ELSE 'stopped' END", md.getColumnLabel(2));
      assertEquals("'literal'", md.getColumnLabel(3));
      assertEquals("t.n + 1", md.getColumnLabel(4));
      assertEquals("named", md.getColumnLabel(5));
      assertEquals(Types.VARCHAR, md.getColumnType(2));
      assertEquals(Types.VARCHAR, md.getColumnType(3));
      assertTrue(rs.next());
      assertEquals("[1,2]", rs.getString(1));
      assertEquals("up", rs.getString(2));
    }
  }

  @Test void aColumnIsNamedByItsTextAcrossLinesAndTabs() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT\n\tupper('a'),\n  json_extract('{\"a\":\"(\"}',\n\t\t'$.a'),"
             + " count(*)\nFROM (SELECT 1 AS n) AS t")) {
      final ResultSetMetaData md = rs.getMetaData();
      assertEquals("upper('a')", md.getColumnLabel(1));
      assertEquals("json_extract('{\"a\":\"(\"}',\n\t\t'$.a')", md.getColumnLabel(2));
      assertEquals("count(*)", md.getColumnLabel(3));
    }
  }

  @Test void aColumnIsNamedByItsTextAsWrittenWhereCredqlQuotesWordsBeforeParsing() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT trim('xxaxx', 'x'), upper(`default`),"
             + " json_array((SELECT 1), 2), t.n + 1 FROM (SELECT 1 AS n, 'q' AS \"default\") AS t")) {
      final ResultSetMetaData md = rs.getMetaData();
      assertEquals("trim('xxaxx', 'x')", md.getColumnLabel(1));
      assertEquals("upper(`default`)", md.getColumnLabel(2));
      assertEquals("json_array((SELECT 1), 2)", md.getColumnLabel(3));
      assertEquals("t.n + 1", md.getColumnLabel(4));
      assertTrue(rs.next());
      assertEquals("a Q [1,2] 2", rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
          + " " + rs.getString(4));
    }
  }

  @Test void comparingJsonValuesOfMixedKindsSaysToCastThem() {
    final String rows = "(SELECT '{\"a\":1}' AS doc UNION ALL SELECT '{\"a\":\"x\"}') AS t";
    for (String sql : new String[] {"SELECT t.doc FROM " + rows + " WHERE json_extract(t.doc, '$.a') > 0"}) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(sql));
      assertEquals("values of different kinds (numbers and text, as json_extract can give) are compared or sorted"
          + " together: CAST the expression to a number or to VARCHAR, as in CAST(json_extract(x, '$.a') AS VARCHAR)",
          e.getMessage(), sql);
    }
  }

  @Test void jsonEachReadsTheRowBeforeItAndFiltersLikeATable() throws SQLException {
    assertEquals(List.of(List.of("db1", "10.0.0.0/8"), List.of("db2", "192.168.1.1/32")),
        rows("SELECT t.name, a.atom FROM (SELECT 'db1' AS name, '[\"10.0.0.0/8\"]' AS ips"
            + " UNION ALL SELECT 'db2', '{\"x\":[\"192.168.1.1/32\", \"unused\"]}') AS t,"
            + " json_each(t.ips, CASE WHEN t.name = 'db1' THEN '$' ELSE '$.x' END) AS a"
            + " WHERE a.key = 0"));
  }

  @Test void jsonExtractFiltersRowsAndKeepsNumbersNumbers() throws SQLException {
    assertEquals(List.of(List.of("big", 100L)),
        rows("SELECT t.name, json_extract(t.doc, '$.size.gb') AS gb FROM (SELECT 'small' AS name,"
            + " '{\"size\":{\"gb\":10}}' AS doc UNION ALL SELECT 'big', '{\"size\":{\"gb\":100}}') AS t"
            + " WHERE json_extract(t.doc, '$.size.gb') > 50"));
  }

  @Test void splitPartFollowsStackqlsCodeWhereItsDocsDisagree() throws SQLException {
    final String url = "'https://www.googleapis.com/compute/v1/projects/p1/global/networks/default'";
    assertEquals("https:", value("SELECT split_part(" + url + ", '/', 1)"));
    assertEquals("www.googleapis.com", value("SELECT split_part(" + url + ", '/', 3)"));
    assertEquals("default", value("SELECT split_part(" + url + ", '/', -1)"));
    assertEquals("global", value("SELECT split_part(" + url + ", '/', -3)"));
    assertEquals(null, value("SELECT split_part(" + url + ", '/', 42)"));
    assertEquals(null, value("SELECT split_part('a,b', '', 1)"));
  }

  @Test void jsonEqualIgnoresKeyOrderButNotArrayOrder() throws SQLException {
    assertEquals(List.of(List.of(true, false, true)), rows("SELECT"
        + " json_equal('{\"a\":1,\"b\":[1,2]}', '{\"b\":[1,2],\"a\":1.0}'),"
        + " json_equal('[1,2,3]', '[3,2,1]'),"
        + " json_equal('[{\"key\": \"value\"}]', '[{\"key\":\"value\"}]')"));
  }

  @Test void awsPolicyEqualTreatsActionsResourcesAndPrincipalsAsSets() throws SQLException {
    assertEquals(List.of(List.of(true, true, false)), rows("SELECT aws_policy_equal("
        + "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\"}]}',"
        + "'{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":[\"*\"]}}'),"
        + " aws_policy_equal("
        + "'{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/r1\"},\"Action\":\"sts:AssumeRole\"}]}',"
        + "'{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:role/r1\"]},\"Action\":\"sts:AssumeRole\"}]}'),"
        + " aws_policy_equal("
        + "'{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}',"
        + "'{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}')"));
  }

  @Test void wordsCalciteReservesAreAliasesAfterAsAsInStackqlsDocs() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT 1 AS interval, 2 AS rank, 3 AS count, 4 AS year, 5 AS value,"
             + " CAST('2' AS INTEGER) AS date, CAST(1 AS DOUBLE) AS real")) {
      final ResultSetMetaData md = rs.getMetaData();
      final List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
      }
      assertEquals(List.of("interval", "rank", "count", "year", "value", "date", "real"), names);
      assertTrue(rs.next());
      assertEquals(List.of(1, 2, 3, 4, 5, 2, 1.0), List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3),
          rs.getObject(4), rs.getObject(5), rs.getObject(6), rs.getObject(7)));
    }
  }

  @Test void aRegularExpressionFindsTextInAJsonValue() throws SQLException {
    assertEquals(List.of(List.of("20.04", "12")), rows("SELECT"
        + " regexp_substr(json_extract('{\"v\":\"ubuntu-20.04-lts\"}', '$.v'), '[0-9][0-9]\\.[0-9][0-9]'),"
        + " regexp_substr(json_extract('{\"n\":1234}', '$.n'), '[12]+')"));
  }

  @Test void regularExpressionsAsStackqlHasThem() throws SQLException {
    assertEquals(List.of(List.of(true, false, "world", "hello SQLite", "a-b-")), rows("SELECT"
        + " regexp_like('hello world', 'hello'), regexp_like('hello world', '^world'),"
        + " regexp_substr('hello world', 'w.*d'), regexp_replace('hello world', 'world', 'SQLite'),"
        + " regexp_replace('aXbX', 'X', '-')"));
    assertEquals(List.of(List.of("db-prod-1")), rows("SELECT t.name FROM (SELECT 'db-prod-1' AS name"
        + " UNION ALL SELECT 'db-test-2') AS t WHERE t.name REGEXP 'prod-[0-9]+$'"));
  }

  @Test void regularExpressionFunctionsGiveNullForANullArgumentAsStackqlsExtensionDoes() throws SQLException {
    assertEquals(Arrays.asList(null, null, null, null), rows("SELECT"
        + " regexp_substr('source', CAST(NULL AS VARCHAR)), regexp_replace('source', CAST(NULL AS VARCHAR), 'x'),"
        + " regexp_replace('source', 'o', CAST(NULL AS VARCHAR)), regexp_replace(CAST(NULL AS VARCHAR), 'o', 'x')")
        .get(0));
    assertEquals("XXX-XXX-XXXX", value("SELECT regexp_replace('123-456-7890', '[0-9]', 'X')"));
  }

  @Test void awsPolicyEqualComparesTagsArraysAsSetsAndStatementsInOrder() throws SQLException {
    assertEquals(List.of(List.of(true, true, false, true)), rows("SELECT"
        // StackQL's aws_policy_equal.md: a raw tags array, and Tags inside a document, in any order
        + " aws_policy_equal('[{\"Key\":\"env\",\"Value\":\"dev\"},{\"Key\":\"team\",\"Value\":\"a\"}]',"
        + " '[{\"Value\":\"a\",\"Key\":\"team\"},{\"Key\":\"env\",\"Value\":\"dev\"}]'),"
        + " aws_policy_equal('{\"BucketName\":\"b\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"},{\"Key\":\"team\",\"Value\":\"p\"}]}',"
        + " '{\"BucketName\":\"b\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"p\"},{\"Key\":\"env\",\"Value\":\"prod\"}]}'),"
        // StackQL's own tests: the order of statements counts, the case of an ARN's letters does not
        + " aws_policy_equal('{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"},{\"Effect\":\"Deny\",\"Action\":\"ec2:*\"}]}',"
        + " '{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\"},{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}'),"
        + " aws_policy_equal('{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::mybucket\"}]}',"
        + " '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:S3:::mybucket\"}]}')"));
  }

  @Test void anUnknownFunctionIsNamedAndTheListOfFunctionsPointedTo() {
    assertEquals("Unknown function json_extrat(); the functions credql knows are listed in"
        + " docs/guide.md (Functions), with Calcite's standard SQL functions",
        error("SELECT json_extrat('{}', '$.a')"));
  }

  @Test void aFunctionCalledWithTheWrongNumberOfArgumentsSaysHowManyItTakes() {
    assertEquals("json_extract() takes 2 or more arguments, not 1", error("SELECT json_extract('{}')"));
    assertEquals("split_part() takes 3 arguments, not 2", error("SELECT split_part('a', 'b')"));
  }

  @Test void aMalformedJsonPathIsReportedWithTheFormsSqliteAccepts() {
    assertEquals("json_extract(): malformed JSON path 'a.b'; write it as SQLite does: $, $.key,"
        + " $.\"key with space\", $[0], $.a[1].b or $[#-1]",
        error("SELECT json_extract('{\"a\":{\"b\":1}}', 'a.b')"));
    assertTrue(error("SELECT json_type('[1]', '$[x]')").startsWith("json_type(): malformed JSON path '$[x]'"));
  }

  @Test void anInvalidDateModifierIsAnErrorNotANull() {
    assertTrue(error("SELECT datetime('2024-01-01', '-1 dya')")
        .startsWith("datetime(): invalid date modifier '-1 dya'; SQLite's modifiers are 'NNN days"));
    assertTrue(error("SELECT date(t.d, 'start of week') FROM (SELECT '2024-01-01' AS d) AS t")
        .startsWith("date(): invalid date modifier 'start of week'"));
    assertEquals("strftime(): unknown format '%Q' in '%Y %Q'; SQLite's formats are %d %e %f %F %H %I"
        + " %j %J %k %l %m %M %p %P %R %s %S %T %u %U %V %w %W %G %g %Y %%",
        error("SELECT strftime('%Y %Q', '2024-01-01')"));
  }

  @Test void aValueThatIsNotADateIsNullAsInSqlite() throws SQLException {
    assertEquals(null, value("SELECT datetime(t.d, '+1 day') FROM (SELECT 'soon' AS d) AS t"));
  }

  @Test void malformedJsonIsAnErrorThatDoesNotRepeatTheText() {
    final String message = error("SELECT json_extract(t.body, '$.password') FROM"
        + " (SELECT '{\"password\":\"Hunter2-secret\"' AS body) AS t");
    assertEquals("json_extract(): malformed JSON: the argument is not well-formed JSON text"
        + " (check that the column holds JSON)", message);
    assertFalse(message.contains("Hunter2"));
  }

  @Test void anUnqualifiedColumnArrowPathInsideAFunctionIsSqlitesJsonOperatorNotALambda()
      throws SQLException {
    assertEquals(List.of(List.of("\"X\"", "x!", 3L)), rows("SELECT upper(c -> '$.a'),"
        + " lower(c ->> 'a' || '!'), json_array_length(c -> '$.b', '$') FROM"
        + " (SELECT '{\"a\":\"x\",\"b\":[1,2,3]}' AS c) AS t"));
  }

  @Test void jsonEditsReportAMalformedPathAndAnEvenNumberOfArguments() {
    assertTrue(error("SELECT json_set('{}', 'a.b', 1)")
        .startsWith("json_set(): malformed JSON path 'a.b'; write it as SQLite does"));
    assertTrue(error("SELECT json_remove('[1]', '$[x]')")
        .startsWith("json_remove(): malformed JSON path '$[x]'"));
    assertEquals("json_insert(): takes the JSON, then path/value pairs; got an even number (2) of"
        + " arguments", error("SELECT json_insert('{}', '$.a')"));
  }

  @Test void oneArgumentMaxAndMinStayAggregatesBesideTheScalarForms() throws SQLException {
    assertEquals(List.of(List.of(3L, 1L, 5L)), rows("SELECT max(t.v), min(t.v), max(max(t.v), 5)"
        + " FROM (SELECT CAST(1 AS BIGINT) AS v UNION ALL SELECT 3) AS t"));
  }

  @Test void aRealThatIsNotANumberIsNullToTextFunctionsAsSqliteStoresIt() throws SQLException {
    final String nan = " FROM (SELECT CAST('NaN' AS DOUBLE) AS r) AS t";
    assertEquals(Arrays.asList(null, null, null, "(NULL)"), rows("SELECT length(t.r),"
        + " substr(t.r, 1), replace(t.r, 'a', 'b'), printf('%q', t.r)" + nan).get(0));
    assertEquals(null, value("SELECT group_concat(t.r)" + nan));
  }
}
