package io.credql.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Expressions that mean the same in SQLite and in credql: hand-picked edge cases plus seeded
 * random calls of the JSON, date and text functions over fixed documents and instants (never
 * 'now'). Each expression may use the columns {@code t.doc} (a JSON document) and {@code t.n}.
 */
final class SqliteCorpus {
  static final String[] DOCUMENTS = {
      "{\"a\":{\"b\":[1,2.5,\"x\",null,true,false]},\"c\":\"text\",\"n\":-42}",
      "{\"name\":\"db-1\",\"tags\":[\"prod\",\"eu\"],\"size\":{\"gb\":100,\"ratio\":0.25},\"key with space\":7}",
      "[1,[2,[3,[4]]],{\"k\":\"v\"},\"s\",12.75]",
      "{\"empty\":{},\"none\":[],\"nested\":{\"deep\":{\"deeper\":{\"value\":\"found\"}}},\"flag\":false}",
      "{\"users\":[{\"id\":1,\"roles\":[\"admin\",\"dev\"]},{\"id\":2,\"roles\":[]}],\"count\":2}",
      "\"just a string\"",
      "3.5",
      "{\"Upper\":\"Case\",\"unicode\":\"héllo\",\"quote\":\"say \\\"hi\\\"\",\"big\":12345678901234}",
      "{\"snake_case\":1,\"9lives\":[true],\"\":\"empty key\",\"a.b\":{\"c d\":null}}",
  };
  static final String[] PATHS = {
      "$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1]", "$.a.b[2]", "$.a.b[3]", "$.a.b[4]", "$.a.b[5]",
      "$.a.b[#-1]", "$.a.b[9]", "$.c", "$.n", "$.missing", "$.name", "$.tags", "$.tags[1]",
      "$.size", "$.size.gb", "$.size.ratio", "$.\"key with space\"", "$[0]", "$[1]", "$[1][1]",
      "$[1][1][1][0]", "$[2].k", "$[3]", "$[4]", "$[#-1]", "$.empty", "$.none", "$.nested.deep",
      "$.nested.deep.deeper.value", "$.flag", "$.users[0].roles", "$.users[0].roles[1]",
      "$.users[1].id", "$.users[1].roles", "$.count", "$.Upper", "$.unicode", "$.quote", "$.big",
      "$.snake_case", "$.\"9lives\"", "$.\"9lives\"[0]", "$.\"\"", "$.\"a.b\"", "$.\"a.b\".\"c d\"",
  };
  /** Right operands of {@code ->} and {@code ->>}: paths, labels and array indexes. */
  static final String[] ARROW_OPERANDS = {
      "'$.a'", "'$.a.b[1]'", "'a'", "'c'", "'n'", "'name'", "'tags'", "'size'", "'a.b'",
      "'key with space'", "'9lives'", "'[1]'", "'[#-1]'", "0", "1", "-1", "4", "1.0", "'1'",
  };
  static final String[] TIMES = {
      "'2024-02-29 13:45:30.123'", "'2000-01-01'", "'1999-12-31 23:59:59'", "'2023-03-12T08:00:00Z'",
      "'2024-01-31 10:00'", "'12:34:56'", "'2021-06-15 06:07:08+02:00'", "'1970-01-01 00:00:00'",
      "2460000.5", "2451545", "'2025-12-31 23:59:59.999'", "'2024-03-10 02:30:00'",
  };
  static final String[] MODIFIERS = {
      "'+1 day'", "'-3 hours'", "'+90 minutes'", "'+45 seconds'", "'+1 month'", "'-1 month'",
      "'+1 year'", "'-2 years'", "'+1.5 days'", "'start of month'", "'start of year'",
      "'start of day'", "'weekday 0'", "'weekday 3'", "'weekday 6'", "'+02:30'", "'-01:15'",
      "'+13 months'", "'-400 days'", "'+0.25 hours'", "'subsec'", "'localtime'", "'utc'",
      "'+1 DAYS'", "'+2   hours'", "'-1.5 months'", "'+0.5 years'", "'-00:00:30.5'",
  };
  /** Numeric time values with the modifier that says how to read them. */
  static final String[] NUMERIC_TIMES = {
      "1700000000, 'unixepoch'", "1700000000.25, 'unixepoch'", "0, 'unixepoch'",
      "-86400, 'unixepoch'", "1700000000, 'auto'", "2460000.25, 'auto'", "2460000.25, 'julianday'",
      "'1700000000', 'unixepoch'",
  };
  static final String[] FORMATS = {
      "'%Y-%m-%d %H:%M:%S'", "'%j'", "'%W'", "'%U'", "'%w'", "'%u'", "'%s'", "'%f'", "'%J'",
      "'%V %G %g'", "'%I %p %P'", "'%e|%k|%l'", "'%F %T %R'", "'%Y%%%m'", "'week %W of %Y'",
  };
  static final String[] TEXTS = {
      "'hello'", "'Hello World'", "''", "'  padded  '", "'a,b,,c'", "'héllo wörld'", "'xxabcxx'",
      "'12abc'", "'abc'", "NULL", "'3.5'", "'-7'",
  };
  static final String[] NUMBERS = {"0", "42", "-7", "3.14159", "1234567.891", "-0.5", "2.5",
      "1e3", "9007199254740993", "NULL"};
  static final String[] PRINTF_FORMATS = {
      "'%d'", "'%5d|'", "'%-5d|'", "'%05d'", "'%+d'", "'%x'", "'%X'", "'%o'", "'%.2f'",
      "'%10.3f'", "'%e'", "'%.3e'", "'%g'", "'%.10g'", "'%s'", "'%10s|'", "'%-10s|'", "'%.3s'",
      "'%q'", "'%Q'", "'100%%'", "'%,d'", "'%#x'", "'[%8.2f]'", "'%i and %s'",
  };

  private SqliteCorpus() {
  }

  /** Edge cases picked by hand: the forms StackQL's docs use and SQLite's corners. */
  static List<String> handPicked() {
    return List.of(
        "json_extract('{\"a\":{\"b\":1}}', '$.a.b')",
        "json_extract('{\"a\":{\"b\":1}}', '$.a')",
        "json_extract('{\"a\":[1,2,3]}', '$.a[#-1]')",
        "json_extract('{\"a\":1,\"b\":\"x\"}', '$.a', '$.b', '$.c')",
        "json_extract('{\"a\":true}', '$.a')",
        "json_extract('{\"a\":null}', '$.a')",
        "json_extract('{\"a\":1.0}', '$.a')",
        "json_extract('[]', '$[0]')",
        "json_extract('{\"neg\":-0.5e-3}', '$.neg')",
        "json_extract('{\"big\":123456789012345678901}', '$.big')",
        "json_extract('{\"a\":\"\\u00e9\\n\"}', '$.a')",
        "json_type('{\"a\":1e3}', '$.a')",
        "json_extract(NULL, '$.a')",
        "json_type('{\"a\":[1,2]}')",
        "json_type('{\"a\":[1,2]}', '$.a[0]')",
        "json_type('{\"a\":[1,2]}', '$.x')",
        "json_array_length('[1,2,3]')",
        "json_array_length('{\"a\":[1,2]}', '$.a')",
        "json_array_length('{\"a\":1}')",
        "json_array_length('{\"a\":1}', '$.b')",
        "json_object('a', 1, 'b', 'two', 'c', NULL, 'd', 2.5)",
        "json_object()",
        "json_array()",
        "json_array(1, 'a', NULL, 2.5, json_array(1, 2), json_object('k', 'v'))",
        "json_object('nested', json_object('x', json_array('y')))",
        "json_quote('say \"hi\"')",
        "json_quote(3)",
        "json_quote(NULL)",
        "json(' { \"a\" : [ 1 , 2 ] } ')",
        "datetime('2024-01-31 10:00:00', '+1 month')",
        "date('2024-03-31', '-1 month')",
        "datetime(1700000000, 'unixepoch')",
        "datetime(1700000000.5, 'unixepoch', 'subsec')",
        "date(1700000000, 'unixepoch', 'start of month', '+1 month', '-1 day')",
        "datetime('2024-02-29', '+1 year')",
        "time('12:34:56.789', 'subsec')",
        "unixepoch('2024-01-01 00:00:00')",
        "unixepoch('2024-01-01 00:00:00.250', 'subsec')",
        "julianday('2000-01-01 12:00:00')",
        "strftime('%Y-%m-%dT%H:%M:%fZ', '2024-02-29 13:45:30.123')",
        "strftime('%s', '1970-01-02')",
        "datetime('not a date')",
        "date('2024-13-01')",
        "datetime(NULL)",
        "date('2023-01-01', 'weekday 1')",
        "substr('hello', 2)",
        "substr('hello', -3)",
        "substr('hello', 0, 2)",
        "substr('hello', 2, -1)",
        "substr('hello', -10, 3)",
        "substr('héllo', 2, 2)",
        "instr('hello', 'll')",
        "instr('hello', 'z')",
        "length('héllo')",
        "length(12.5)",
        "length(NULL)",
        "ltrim('xxabcxx', 'x')",
        "rtrim('xxabcxx', 'xc')",
        "ltrim('  a  ')",
        "trim('xxabcxx', 'x')",
        "trim('  a  ')",
        "trim('abc', '')",
        "trim(NULL, 'x')",
        "trim('abc', NULL)",
        "'{\"a\":{\"b\":[1,\"x\"]}}' -> 'a' ->> '$.b[1]'",
        "'{\"a\":{\"b\":[1,\"x\"]}}' -> '$.a.b' -> 0",
        "'{\"a\":2}' ->> 'a' + 1",
        "'{\"a\":\"q\"}' ->> 'a' || 'r'",
        "json_object('k', '{\"a\":[1]}' -> 'a')",
        "'{\"a\":1}' -> NULL",
        "NULL ->> 'a'",
        "json_patch('{\"a\":1,\"b\":2}', '{\"c\":3,\"d\":4}')",
        "json_patch('{\"a\":[1,2],\"b\":2}', '{\"a\":9}')",
        "json_patch('{\"a\":1,\"b\":2}', '{\"a\":9,\"b\":null,\"c\":8}')",
        "json_patch('{\"a\":{\"x\":1,\"y\":2},\"b\":3}', '{\"a\":{\"y\":9},\"c\":8}')",
        "json_patch('[1]', '{\"a\":{\"b\":null,\"c\":1}}')",
        "json_patch('{\"a\":1}', '[2]')",
        "json_object('p', json_patch('{}', '{\"a\":1}'))",
        "char(72, 105)", "char(233, 128512)", "char()",
        "ln(2.0)", "ln(0)", "log(100)", "log(2, 8)", "log10(1000)", "log2(8)", "exp(1)",
        "mod(7, 3)", "mod(-7.5, 2)", "pow(2, 10)", "power(2.5, 2)", "sqrt(16)", "sqrt(-1)", "sqrt('4')",
        "sign(-3)", "sign(2.5)", "sign(0)", "sign('x')", "trunc(1.7)", "trunc(-1.7)", "trunc(5)",
        "acos(1)", "acosh(2)", "asin(0.5)", "asinh(-2)", "atan(1)", "atan2(1, 2)", "atanh(0.5)",
        "cos(1)", "cosh(1)", "sin(1)", "sinh(1)", "tan(1)", "tanh(1)", "degrees(pi())", "radians(180)",
        "replace('a.b.c', '.', '::')",
        "replace('abc', '', 'z')",
        "upper('mixed Case 1')",
        "lower('MIXED Case 1')",
        "hex('abc')",
        "hex(12)",
        "printf('%s has %d rows (%.1f%%)', 'db', 42, 12.345)",
        "printf('%5.1f|%-6s|%03d', 3.14159, 'ab', 7)",
        "format('%s-%s', 'a', 'b')",
        "typeof(1)", "typeof(1.5)", "typeof('x')", "typeof(NULL)",
        "abs(-5)", "abs(-5.5)", "abs('-3')", "abs(NULL)",
        "round(2.5)", "round(-2.5)", "round(3.14159, 2)", "round(5)", "round(1234.5678, -1)",
        "coalesce(NULL, 'b', 'c')", "nullif('a', 'a')", "nullif('a', 'b')", "ifnull(NULL, 'x')",
        "iif(2 > 1, 'yes', 'no')", "iif(2 < 1, 'yes', 'no')",
        "CASE WHEN 1 = 1 THEN 'up' ELSE 'stopped' END",
        // SQLite's core functions StackQL users reach for, and its arithmetic: a division by zero is NULL
        "unicode('A')", "unicode('é')", "unicode('')", "unicode(NULL)", "unicode(12)",
        "quote('it''s')", "quote(12)", "quote(-1.5)", "quote(NULL)", "quote(t.n)",
        "concat('a', 1, NULL, 2.5)", "concat(NULL)", "concat_ws('-', 'a', NULL, 'b', 3)", "concat_ws(NULL, 'a')",
        "glob('a*', 'abc')", "glob('a?c', 'abc')", "glob('[a-c]*', 'bcd')", "glob('[^a]*', 'abc')",
        "glob('A*', 'abc')", "glob('*.[ch]', 'x.c')", "glob('[]x]', ']')", "glob('a[', 'a[')", "glob(NULL, 'a')",
        "1 / 0", "5 % 0", "5.0 / 0", "t.n / 0", "t.n % (t.n - 7)", "t.n / 2", "-7 % 3",
        "CAST(12 AS TEXT)", "CAST(1.5 AS TEXT)", "CAST(t.n AS TEXT)", "cast('x' AS text)");
  }

  /**
   * SQLite's JSON editing functions: typed values, paths that create, append, miss or go through
   * a value of the wrong kind, several pairs, NULLs, and JSON made by another function.
   */
  static List<String> jsonEdits() {
    return List.of(
        "json_insert('{\"a\":1}', '$.b', 2)",
        "json_insert('{\"a\":1}', '$.a', 2)",
        "json_insert('{\"a\":1}', '$.b', 'two', '$.c', 2.5, '$.d', NULL)",
        "json_insert('{\"a\":1}', '$.b', 'it''s \"quoted\"')",
        "json_insert('{\"a\":1}', '$', 2)",
        "json_insert('[1,2]', '$[2]', 3)",
        "json_insert('[1,2]', '$[#]', 3)",
        "json_insert('[1,2]', '$[5]', 3)",
        "json_insert('[1,2]', '$[0]', 3)",
        "json_insert('{}', '$.a.b[0].c', 'deep')",
        "json_insert('{}', '$.a[1]', 1)",
        "json_insert('{}', '$.a[#-1]', 1)",
        "json_insert('{\"a\":1}', '$.a.b', 2)",
        "json_insert('[]', '$.a', 2)",
        "json_insert('{\"a\":[]}', '$.a[#]', json_object('k', 'v'))",
        "json_replace('{\"a\":1}', '$.a', 2)",
        "json_replace('{\"a\":1}', '$.b', 2)",
        "json_replace('[1,2]', '$[0]', json_array(7, 8))",
        "json_replace('[1,2]', '$[#]', 3)",
        "json_replace('[1,2]', '$[#-1]', 'last')",
        "json_replace('{\"a\":1}', '$', 'x')",
        "json_replace('{\"a\":{\"b\":[1,{\"c\":2}]}}', '$.a.b[1].c', 3.25)",
        "json_set('{\"a\":1}', '$.a', 'x')",
        "json_set('{\"a\":1}', '$.b', 2.5)",
        "json_set('{\"a\":1}', '$.b', -7)",
        "json_set('{\"a\":1}', '$.b', 1e3)",
        "json_set('{\"a\":1}', '$.b', 9007199254740993)",
        "json_set('{}', '$.a.b.c', 1)",
        "json_set('{}', '$.a[0]', 1)",
        "json_set('{}', '$.a[#]', 1)",
        "json_set('{}', '$.a[1]', 1)",
        "json_set('[1,2]', '$[#]', 3)",
        "json_set('[1,2]', '$[#-1]', 9)",
        "json_set('[1,2]', '$[#-3]', 0)",
        "json_set('{\"a\":1}', '$.a.b', 2)",
        "json_set('{\"a\":1}', '$', json_object('z', 1))",
        "json_set('{\"a\":1}', '$.b', json('[1, 2]'))",
        "json_set('{\"a\":1}', '$.b', '[1,2]')",
        "json_set('{\"a\":1}', '$.b', json_array('x', NULL))",
        "json_set('{\"a\":1}', '$.a', NULL)",
        "json_set(NULL, '$.a', 1)",
        "json_set('{\"a\":1}', NULL, 2)",
        "json_set('{\"a\":1}', NULL, 2, '$.b', 3)",
        "json_set('{\"a\":1}', '$.b', 1, '$.b', 2, '$.c', 3)",
        "json_set('{\"a\":{\"b\":1}}', '$.a.c', json_set('{}', '$.x', 1))",
        "json_set('{\"a b\":1}', '$.\"a b\"', 2)",
        "json_set('{\"a\":1}', '$.\"x.y\"', 2)",
        "json_set(t.doc, '$.a.b[0]', 'first', '$.c', t.n)",
        "json_set('{}', '$.x', '{\"a\":[1]}' -> 'a')",
        "json_set('{\"a\":1}', '$.b', json_insert('[]', '$[#]', 1))",
        "json_set('{\"a\":1}')",
        "json_type(json_set('{}', '$.a', 2), '$.a')",
        "json_extract(json_set('{}', '$.a', 2.5), '$.a')",
        "json_set('{\"a\":[1,2]}', '$.a[1]', json_object('k', NULL))",
        "json_remove('{\"a\":1,\"b\":2}', '$.a')",
        "json_remove('[1,2,3]', '$[1]')",
        "json_remove('[1,2,3]', '$[#-1]')",
        "json_remove('[1,2,3]', '$[#]')",
        "json_remove('[1,2,3]', '$[5]')",
        "json_remove('[1,2,3]', '$[0]', '$[0]')",
        "json_remove('{\"a\":1}', '$')",
        "json_remove('{\"a\":1}', NULL)",
        "json_remove(NULL, '$.a')",
        "json_remove('{\"a\":{\"b\":1,\"c\":2}}', '$.a.b', '$.a.c')",
        "json_remove(' { \"a\" : 1 } ')",
        "json_remove('{\"a\":1}', '$.x.y')",
        "json_remove('{\"a\":[1,{\"b\":2}]}', '$.a[1].b')",
        "json_object('k', json_remove('[1,2]', '$[0]'))");
  }

  /**
   * Values made by JSON functions given to functions that embed them in JSON: SQLite marks them as
   * JSON (its JSON subtype), so objects and arrays are embedded as JSON and texts that merely
   * look like JSON stay strings. Every path of the corpus over every document, plus the ways a
   * value reaches the function (CASE, coalesce, iif, ...).
   */
  static List<String> jsonValuesPassedOn() {
    final List<String> expressions = new ArrayList<>(List.of(
        "json_array(json_extract('{\"a\":{\"b\":1}}', '$.a'))",
        "json_array(json_extract('{\"a\":\"[1]\"}', '$.a'))",
        "json_array(json_extract('{\"a\":\"{}\"}', '$.a'), json_extract('{\"a\":[]}', '$.a'))",
        "json_array(json_extract('{\"a\":[1],\"b\":2}', '$.a', '$.b'))",
        "json_array(json_extract(t.doc, '$.a') || '')",
        "json_array('{\"a\":[1]}' ->> '$.a')",
        "json_array('{\"a\":[1]}' -> '$.a')",
        "json_array(json('[1, 2]'), json_object('k', json_array()), json_patch('{}', '{\"x\":[]}'))",
        "json_array(json_insert('[]', '$[#]', 1), json_remove('[1]', '$[0]'))",
        "json_array(json_quote('s'), json_quote(json_array(1)))",
        "json_object('a', json_extract(t.doc, '$.a'), 'c', json_extract(t.doc, '$.c'))",
        "json_set('{}', '$.a', json_extract(t.doc, '$.a.b'), '$.c', json_extract(t.doc, '$.c'))",
        "json_insert('{}', '$.a', json_extract('{\"x\":{\"y\":null}}', '$.x'))",
        "json_replace('{\"a\":0}', '$.a', json_extract('{\"x\":[{}]}', '$.x'))",
        "json_quote(json_extract('{\"a\":[1]}', '$.a'))",
        "json_quote(json_extract('{\"a\":\"[1]\"}', '$.a'))",
        "json_array(coalesce(json_extract(t.doc, '$.missing'), json_extract(t.doc, '$.a')))",
        "json_array(coalesce(json_extract(t.doc, '$.a'), 'x'))",
        "json_array(ifnull(json_extract(t.doc, '$.a'), 'x'))",
        "json_array(nullif(json_extract(t.doc, '$.a'), 'x'))",
        "json_array(CASE WHEN t.n > 0 THEN 'x' ELSE json_extract(t.doc, '$.a') END)",
        "json_array(CASE WHEN t.n > 0 THEN 'x' END)",
        "json_array(iif(t.n > 0, json_object('n', t.n), json_extract(t.doc, '$.a')))",
        "json_object('k', json_object('k', json_extract(t.doc, '$.a.b')))",
        "json_array(json_array(json_extract(t.doc, '$.a.b[1]'), json_extract(t.doc, '$.a.b[2]')))",
        "json_extract(json_array(json_extract(t.doc, '$.a')), '$[0].b[0]')",
        "json_type(json_array(json_extract(t.doc, '$.a')), '$[0]')"));
    for (int d = 0; d < DOCUMENTS.length; d++) {
      final String document = "'" + DOCUMENTS[d].replace("'", "''") + "'";
      for (int p = d % 3; p < PATHS.length; p += 3) {
        final String extract = "json_extract(" + document + ", '" + PATHS[p] + "')";
        expressions.add(p % 2 == 0 ? "json_array(" + extract + ")" : "json_object('v', " + extract + ")");
      }
    }
    return expressions;
  }

  /** SQLite's scalar max and min: NULLs, mixed classes, ties between an integer and a real. */
  static List<String> scalarMinMax() {
    return List.of(
        "max(1, 2)", "min(1, 2)", "max(3, 1, 2)", "min(3, 1, 2)",
        "max(1, 2.5)", "min(1, 2.5)", "max(1, 1.0)", "min(1, 1.0)", "max(1.0, 1)", "min(1.0, 1)",
        "max(1, NULL)", "min(NULL, 1)", "max(NULL, NULL)",
        "max('a', 'b')", "min('a', 'B')", "max('abc', 'ab')", "min('', 'a')",
        "max(2, '1')", "min(2, '1')", "max('10', 9)", "min('x', 100)",
        "max('é', 'z')", "min('é', 'z')",
        "max(-0.5, -1)", "min(9007199254740993, 9007199254740992.0)",
        "max(t.n, 3)", "min(t.n, 3)", "max(t.n, 10) - min(t.n, 10)",
        "max(json_extract(t.doc, '$.n'), 0)", "typeof(max(1, 2.0))",
        "max(length('abc'), 2)", "min(upper('a'), 'B')");
  }

  /** {@code count} random calls, always the same ones for the same seed. */
  static List<String> generated(long seed, int count) {
    final Random random = new Random(seed);
    final List<String> expressions = new ArrayList<>();
    while (expressions.size() < count) {
      switch (random.nextInt(13)) {
      case 0:
      case 1:
        expressions.add("json_extract(" + document(random) + ", '" + pick(random, PATHS) + "')");
        break;
      case 2:
        expressions.add("json_type(" + document(random) + ", '" + pick(random, PATHS) + "')");
        break;
      case 3:
        expressions.add("json_array_length(" + document(random) + ", '" + pick(random, PATHS) + "')");
        break;
      case 4:
        expressions.add("json_extract(" + document(random) + ", '" + pick(random, PATHS) + "', '"
            + pick(random, PATHS) + "')");
        break;
      case 5:
      case 6: {
        final String function = pick(random, new String[] {"date", "time", "datetime", "julianday",
            "unixepoch"});
        expressions.add(function + "(" + time(random) + ")");
        break;
      }
      case 7:
        expressions.add("strftime(" + pick(random, FORMATS) + ", " + (random.nextBoolean()
            ? time(random) : pick(random, NUMERIC_TIMES) + modifiers(random)) + ")");
        break;
      case 8:
        expressions.add("substr(" + pick(random, TEXTS) + ", " + (random.nextInt(17) - 8)
            + (random.nextBoolean() ? ", " + (random.nextInt(11) - 4) : "") + ")");
        break;
      case 9: {
        final String text = pick(random, TEXTS);
        expressions.add(pick(random, new String[] {
            "length(" + text + ")", "instr(" + text + ", 'l')", "ltrim(" + text + ", ' xa')",
            "rtrim(" + text + ", ' xc')", "trim(" + text + ", ' xac')", "trim(" + text + ")",
            "replace(" + text + ", 'l', 'L')", "hex(" + text + ")",
            "upper(" + text + ")", "typeof(" + text + ")"}));
        break;
      }
      case 12:
        expressions.add(document(random) + (random.nextBoolean() ? " -> " : " ->> ")
            + pick(random, ARROW_OPERANDS));
        break;
      case 10:
        expressions.add("printf(" + pick(random, PRINTF_FORMATS) + ", " + pick(random, NUMBERS)
            + ", " + pick(random, TEXTS) + ")");
        break;
      default: {
        final String number = pick(random, NUMBERS);
        expressions.add(pick(random, new String[] {
            "abs(" + number + ")", "round(" + number + ")", "round(" + number + ", "
                + random.nextInt(4) + ")", "typeof(" + number + ")",
            "json_array(" + number + ", " + pick(random, TEXTS) + ")",
            "json_object('v', " + number + ")", "json_quote(" + number + ")"}));
      }
      }
    }
    return expressions;
  }

  private static String document(Random random) {
    return random.nextInt(3) == 0 ? "t.doc" : "'" + pick(random, DOCUMENTS).replace("'", "''") + "'";
  }

  private static String time(Random random) {
    return (random.nextInt(4) == 0 ? pick(random, NUMERIC_TIMES) : pick(random, TIMES))
        + modifiers(random);
  }

  private static String modifiers(Random random) {
    final StringBuilder b = new StringBuilder();
    final int modifiers = random.nextInt(4);
    for (int i = 0; i < modifiers; i++) {
      b.append(", ").append(pick(random, MODIFIERS));
    }
    return b.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
