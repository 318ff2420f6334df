package io.credql.sql;

import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the identifiers of StackQL's lexer that Calcite's lexer reads differently, before the
 * statement is parsed: a back-quoted identifier ({@code `my name`}, back-ticks doubled inside)
 * becomes a double-quoted one, since one Calcite lexer cannot read both quote styles; and the
 * words StackQL's documents use as plain column or parameter names but Calcite reserves, where
 * they cannot be made non-reserved in its grammar without hiding Calcite's own use of them,
 * become quoted identifiers where they stand as names, as does every reserved word that is a part
 * of a dotted name ({@code google.sqladmin.connect}). String literals, quoted identifiers,
 * comments and EXEC's {@code @name} arguments are kept as written; outside EXEC an {@code @name}
 * ({@code @odata.type}, as entra_id's pages write it) is the column of that name, quoted.
 *
 * <p>Three kinds of words: {@code default} and {@code user} are always names (SQLite has no
 * DEFAULT expression nor USER); {@code table} is a name except where Calcite's {@code TABLE(...)},
 * {@code CREATE TABLE} and the like use it; and the words of {@link #NAMES_WHERE_AN_OPERAND_STARTS}
 * ({@code limit}, {@code offset}, {@code like}, {@code filter}, {@code cursor}, ...) are names
 * only where an operand starts: after {@code SELECT}, {@code WHERE}, {@code AND}, {@code SET},
 * {@code RETURNING}, a comma, an opening parenthesis, a comparison, {@code AS} or a dot. There
 * Calcite's keyword cannot stand ({@code LIMIT n}, {@code LIKE}, {@code FILTER (WHERE ...)}
 * follow an operand), except where the keyword opens an expression of its own ({@code CURSOR
 * (...)}, {@code VALUES (...)}, {@code max(...)}, {@code ROWS BETWEEN}, {@code GROUP BY}),
 * which the next token tells. Any other reserved word is a name after {@code AS} (an alias, unless
 * it is a type or a query) and where an operand starts when it is the whole operand ({@code SELECT
 * language, ...}, {@code ORDER BY rank DESC}), except the words that are operands or special
 * syntax themselves ({@code NULL}, {@code CURRENT_DATE}, {@code EXTRACT(DAY FROM x)}). SQLite's {@code trim(x, characters)} is quoted too (see
 * {@link #isSqliteTrim}).
 */
public final class StackqlIdentifiers {
  /** Words that are always names in StackQL's dialect (SQLite has no DEFAULT expression nor USER). */
  private static final Set<String> ALWAYS_NAMES = Set.of("DEFAULT", "USER");
  /** Words after which TABLE is Calcite's keyword. */
  private static final Set<String> TABLE_KEYWORD_AFTER =
      Set.of("CREATE", "DROP", "TRUNCATE", "ALTER", "LATERAL");
  /**
   * Calcite's reserved words that StackQL's documents use as field or parameter names (found by
   * comparing Calcite's reserved list with every name in StackQL's registry documents and the
   * bundled ones), each with the next words that make it Calcite's keyword even where an operand
   * starts. A next token that opens a value ({@code (}, a number, a string, {@code ?}) always does.
   */
  private static final Map<String, Set<String>> NAMES_WHERE_AN_OPERAND_STARTS = Map.ofEntries(
      Map.entry("LIMIT", Set.of()),
      Map.entry("OFFSET", Set.of()),
      Map.entry("LIKE", Set.of()),
      Map.entry("FILTER", Set.of()),
      Map.entry("CURSOR", Set.of()),
      Map.entry("METHOD", Set.of()),
      Map.entry("PATTERN", Set.of()),
      Map.entry("MAX", Set.of()),
      Map.entry("MIN", Set.of()),
      Map.entry("VALUES", Set.of("ROW", "TRUE", "FALSE", "NULL")),
      Map.entry("GROUP", Set.of("BY")),
      Map.entry("ROWS", Set.of("BETWEEN", "UNBOUNDED", "CURRENT")));
  /**
   * Reserved words that are whole operands or parts of Calcite's special syntax before a comma,
   * FROM or a parenthesis (NULL, CURRENT_DATE, TRIM(BOTH FROM x)): never names. The date units
   * (DAY, HOUR, ...) are not reserved in credql's grammar: it reads them as names or units itself.
   */
  private static final Set<String> KEYWORDS_THAT_END_AN_OPERAND = Set.of("NULL", "TRUE", "FALSE",
      "UNKNOWN", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
      "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "CURRENT_ROLE", "CURRENT_PATH",
      "CURRENT_CATALOG", "CURRENT_SCHEMA", "CURRENT_DEFAULT_TRANSFORM_GROUP", "BOTH", "LEADING",
      "TRAILING", "ALL", "DISTINCT", "NOT", "EXISTS", "CASE", "CAST", "SELECT", "VALUES", "WITH", "INTERVAL", "ARRAY", "MAP", "ROW", "MULTISET",
      "NEW", "UNIQUE", "ANY", "SOME");
  /** Reserved words that are values: never names, even before "=". */
  private static final Set<String> VALUE_KEYWORDS = Set.of("NULL", "TRUE", "FALSE", "UNKNOWN",
      "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER",
      "SESSION_USER", "SYSTEM_USER", "CURRENT_ROLE", "CURRENT_PATH", "CURRENT_CATALOG", "CURRENT_SCHEMA");
  /** Reserved words that follow AS as Calcite's keywords anywhere: a view's query, AS OF. */
  private static final Set<String> QUERY_WORDS_AFTER_AS = Set.of("SELECT", "VALUES", "WITH", "TABLE", "OF");
  /** Reserved words that follow AS as Calcite's keywords inside CAST's parentheses: its types. */
  private static final Set<String> TYPE_WORDS = Set.of("BOOLEAN", "TINYINT", "SMALLINT", "INT", "INTEGER",
      "BIGINT", "REAL", "DOUBLE", "FLOAT", "DECIMAL", "DEC", "NUMERIC", "CHAR", "CHARACTER", "VARCHAR",
      "BINARY", "VARBINARY", "DATE", "TIME", "TIMESTAMP", "INTERVAL", "ANY", "ROW", "MULTISET", "ARRAY",
      "MAP", "NATIONAL", "NCHAR", "NCLOB", "CLOB", "BLOB", "VARIANT", "UUID", "NULL");
  /** The functions whose parentheses hold {@code x AS type}. */
  private static final Set<String> CASTS = Set.of("CAST", "TRY_CAST", "SAFE_CAST");
  /** Words after which a reserved word where an operand starts is a name: it was the whole operand. */
  private static final Set<String> NAME_FOLLOWERS = Set.of("FROM", "AS", "AND", "OR", "IS", "IN",
      "LIKE", "NOT", "ASC", "DESC", "THEN", "ELSE", "END", "NULLS", "WHERE", "GROUP", "HAVING",
      "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "RETURNING",
      "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON");
  /** The words after which an operand starts. */
  private static final Set<String> OPERAND_AFTER_WORDS = Set.of("SELECT", "DISTINCT", "WHERE", "AND",
      "OR", "SET", "RETURNING", "BY", "ON", "HAVING", "WHEN", "THEN", "ELSE", "AS");
  /** The symbols after which an operand starts (the last character of {@code <=}, {@code ||}, ...). */
  private static final String OPERAND_AFTER_SYMBOLS = ",(=<>+*/|.";
  /** The words credql's grammar reserves, which Calcite reads as a name only when quoted. */
  private static final Set<String> RESERVED = reservedWords();
  /** Words of the standard's JSON_ARRAY and JSON_OBJECT syntax, which SQLite's calls never have. */
  private static final Set<String> STANDARD_JSON_CONSTRUCTOR_WORDS = Set.of("KEY", "VALUE", "ON", "ABSENT");
  /** The first words of the statements StackQL's reference pages print after an anchor comment. */
  private static final Set<String> STATEMENT_WORDS =
      Set.of("SELECT", "INSERT", "UPDATE", "REPLACE", "DELETE", "EXEC", "WITH");
  /** The words after which a {@code +} joined to a word starts a parameter's name ({@code +datasetId}). */
  private static final Set<String> WHERE_CONJUNCTIONS = Set.of("WHERE", "AND", "OR");
  /** What a previous token that is a literal or a quoted name is recorded as. */
  private static final String VALUE = "value";

  private StackqlIdentifiers() {
  }

  /** The statement text with StackQL's identifiers written as Calcite reads them. */
  public static String toCalcite(String sql) {
    return rewrite(sql).text();
  }

  /** The statement text as Calcite reads it, with where each of its characters came from. */
  public static RewrittenSql rewrite(String sql) {
    final RewrittenSql.Builder out = new RewrittenSql.Builder(sql);
    // the previous token: an upper-case word, a symbol, VALUE, or null at a statement's start
    String previous = null;
    // whether the words being read are an INSERT's column list, which holds names only
    boolean columnList = false;
    boolean insertStatement = false;
    boolean insertColumnsNext = false;
    // whether the words being read may still be EXEC's method name (before its first argument)
    boolean execNameOpen = false;
    // whether the statement is an EXEC, whose @name = value are arguments, not columns
    boolean execStatement = false;
    boolean returning = false;
    // the index of the parenthesis after which a ")" closes a TABLE( written before json_each
    int pendingClose = -1;
    // the token before each open parenthesis, innermost first ("CAST" for CAST's)
    final java.util.ArrayDeque<String> openers = new java.util.ArrayDeque<>();
    // the parenthesis depths at which a SELECT has had no FROM yet
    final java.util.BitSet selectWithoutFrom = new java.util.BitSet();
    int i = 0;
    final int n = sql.length();
    while (i < n) {
      final char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        final int end = quotedEnd(sql, i, c);
        out.append(sql, i, end);
        i = end;
        previous = VALUE;
      } else if (c == '`') {
        final int end = quotedEnd(sql, i, '`');
        final String name = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`");
        out.replace('"' + name.replace("\"", "\"\"") + '"', i, end);
        i = end;
        previous = VALUE;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        final int end = lineEnd(sql, i);
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        final int close = sql.indexOf("*/", i + 2);
        final int end = close < 0 ? n : close + 2;
        if (previous == null && i + 2 < n && sql.charAt(i + 2) == '+' && startsStatement(sql, end)) {
          // stack-deploy's anchor before a statement (/*+ create */, /*+ delete */), which
          // StackQL's reference pages print: a comment to StackQL, a hint nowhere Calcite reads one
          out.append(sql, i, i + 2);
          out.replace(" ", i + 2, i + 3);
          out.append(sql, i + 3, end);
        } else {
          out.append(sql, i, end);
        }
        i = end;
      } else if (c == '@' && !execStatement && atNameEnd(sql, i) > i) {
        // entra_id's pages write the field @odata.type unquoted; StackQL's lexer reads an @ name,
        // dots and all, as one identifier wherever a column stands (its "@" kept in the name)
        final int end = atNameEnd(sql, i);
        out.quote(i, end);
        previous = VALUE;
        i = end;
      } else if (c == '@') {
        execNameOpen = false;
        i = execParameterName(sql, i, out);
        previous = VALUE;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (sql.charAt(end) == '@' || sql.charAt(end) == '.' || isWordPart(sql.charAt(end)))) {
          end++;
        }
        out.append(sql, i, end);
        i = end;
        previous = VALUE;
      } else if (Character.isLetter(c) || c == '_' || c == '$' && (".".equals(previous) || isDollarName(sql, i))) {
        int end = i + 1;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        if (columnList && end < n && sql.charAt(end) == '@' && atNameEnd(sql, end) > end) {
          // data__@odata.type in entra_id's INSERT column lists: the body field @odata.type (StackQL's
          // lexer reads data__@odata, then .type, and keeps only "type": its column list drops a qualifier)
          final int fieldEnd = atNameEnd(sql, end);
          out.quote(i, fieldEnd);
          previous = VALUE;
          i = fieldEnd;
          continue;
        }
        // the last part of EXEC's method name may have hyphens (google's fhir.binary-create)
        final boolean execMethodName = execNameOpen && ".".equals(previous);
        final int compound = compoundNameEnd(sql, end, previous, columnList || execMethodName, returning);
        if (compound > end) {
          out.quote(i, compound);
          previous = VALUE;
          i = compound;
          continue;
        }
        final String word = sql.substring(i, end);
        final String upper = word.toUpperCase(Locale.ROOT);
        final int tableFunctionEnd = tableFunctionEnd(upper, previous, sql, end);
        if (tableFunctionEnd >= 0) {
          out.replace("TABLE(", i, i + 1);
          pendingClose = tableFunctionEnd;
        }
        final boolean name = columnList && RESERVED.contains(upper)
            || returning && isReturnedName(upper, previous, sql, end)
            || isName(upper, previous, sql, end, java.util.Objects.requireNonNullElse(openers.peek(), ""))
            || isSqliteTrim(upper, sql, end) || isSqliteJsonConstructor(upper, previous, sql, end);
        if (!name && (upper.equals("SELECT") || upper.equals("FROM"))) {
          selectWithoutFrom.set(openers.size(), upper.equals("SELECT"));
        } else if (!name && upper.equals("WHERE") && selectWithoutFrom.get(openers.size())) {
          // SQLite's SELECT without FROM may have a WHERE (SELECT 1 WHERE 1 = 1), which
          // Calcite's grammar reads only after a FROM: the one row SQLite selects from
          out.replace("FROM (VALUES (0)) WHERE", i, end);
          selectWithoutFrom.clear(openers.size());
          previous = upper;
          i = end;
          continue;
        }
        if (name) {
          out.quote(i, end);
        } else {
          out.append(sql, i, end);
        }
        if (upper.equals("RETURNING")) {
          returning = true;
        }
        // INSERT INTO a.b.c ( starts the column list: the table's name is the word before "("
        insertColumnsNext = "INTO".equals(previous) && insertStatement
            || insertColumnsNext && !"INTO".equals(upper) && ".".equals(previous);
        insertStatement |= upper.equals("INSERT") && previous == null;
        execNameOpen |= upper.equals("EXEC") && previous == null;
        execStatement |= upper.equals("EXEC") && (previous == null || "EXPLAIN".equals(previous));
        previous = upper;
        i = end;
      } else if (c == '+' && (columnList || previous != null && WHERE_CONJUNCTIONS.contains(previous)) && i + 1 < n
          && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
        // a parameter named by Google's reserved expansion ({+datasetId}), written so by the
        // pages in WHERE and INSERT column lists; after WHERE, AND or OR a unary plus has no use
        int end = i + 2;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        out.quote(i, end);
        previous = VALUE;
        i = end;
      } else {
        if (c == ';' && isLastStatementEnd(sql, i + 1)) {
          // the semicolon that ends StackQL's statements, which a JDBC statement does without
          out.replace(" ", i, i + 1);
        } else {
          out.append(sql, i, i + 1);
        }
        if (i == pendingClose) {
          out.replace(")", i, i + 1);
          pendingClose = -1;
        }
        if (c == '(') {
          openers.push(previous == null ? "" : previous);
          selectWithoutFrom.clear(openers.size());
        } else if (c == ')' && !openers.isEmpty()) {
          selectWithoutFrom.clear(openers.size());
          openers.pop();
        }
        if (c == '(' && insertColumnsNext) {
          columnList = true;
        } else if (c == ')') {
          columnList = false;
        }
        if (!Character.isWhitespace(c) && c != '.') {
          insertColumnsNext = false;
        }
        if (c == ';') {
          execNameOpen = false;
          execStatement = false;
          previous = null;
          returning = false;
          openers.clear();
          selectWithoutFrom.clear();
        } else if (!Character.isWhitespace(c)) {
          previous = String.valueOf(c);
        }
        i++;
      }
    }
    return out.build();
  }

  /** Whether the word after {@code start} (past blanks) is a statement's first: a comment before it is an anchor. */
  private static boolean startsStatement(String sql, int start) {
    int i = start;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return STATEMENT_WORDS.contains(sql.substring(i, end).toUpperCase(Locale.ROOT));
  }

  /** Whether only blanks and comments follow {@code start}: a semicolon before it ends the last statement. */
  private static boolean isLastStatementEnd(String sql, int start) {
    int i = start;
    while (i < sql.length()) {
      final char c = sql.charAt(i);
      if (c == '-' && sql.startsWith("--", i)) {
        i = lineEnd(sql, i);
      } else if (c == '/' && sql.startsWith("/*", i)) {
        final int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a word at {@code [.., end)} goes on as one name, StackQL's pages write without quotes
   * ({@code cf-r2-jurisdiction}, {@code If-Match}, {@code $.xgafv}, {@code page[size]}, {@code x5t#S256}): the end
   * of that name, or {@code end} when it does not. A word joined to the next by a hyphen, a {@code #} or (after
   * {@code $}) a dot,
   * with no space, is one name in an INSERT's column list, and where an operand starts and the name
   * is followed by {@code =} (a parameter's value in WHERE, SET or EXEC) or, in RETURNING, by a
   * comma or the statement's end. Anywhere else {@code a-b} stays a subtraction.
   */
  private static int compoundNameEnd(String sql, int end, @Nullable String previous, boolean columnList,
      boolean returning) {
    int i = end;
    final boolean dollar = sql.charAt(end - 1) == '$' && end >= 1 && (end < 2 || !isWordPart(sql.charAt(end - 2)));
    while (i + 1 < sql.length()) {
      final int bracket = bracketEnd(sql, i);
      if (bracket > i) {
        i = bracket; // an array or object parameter, PHP's way: include[], page[size]
        continue;
      }
      final char c = sql.charAt(i);
      if (c != '-' && c != '#' && !(dollar && c == '.') || !Character.isLetter(sql.charAt(i + 1))) {
        break;
      }
      i += 2;
      while (i < sql.length() && isWordPart(sql.charAt(i))) {
        i++;
      }
    }
    if (i == end) {
      return end;
    }
    if (columnList || sql.substring(end, i).indexOf('#') >= 0) {
      // '#' is no operator in SQL or SQLite: a word joined by it is a name wherever it stands (x5t#S256)
      return i;
    }
    final char next = nextSignificant(sql, i);
    final boolean operandStart = previous == null || startsOperand(previous);
    final boolean assigned = next == '=' || next == '<' || next == '>' || next == '!';
    final boolean listed = returning && (next == ',' || next == ';' || next == 0);
    return operandStart && (assigned || listed) ? i : end;
  }

  /** Whether a reserved word in a RETURNING list is one of its names: alone between commas. */
  private static boolean isReturnedName(String upper, @Nullable String previous, String sql, int end) {
    final char next = nextSignificant(sql, end);
    return RESERVED.contains(upper) && !VALUE_KEYWORDS.contains(upper)
        && ("RETURNING".equals(previous) || ",".equals(previous)) && (next == ',' || next == ';' || next == 0);
  }

  /**
   * The index after {@code []}, {@code [word]}, {@code [a.b]}, {@code [`word`]}, {@code [@word]} or {@code [a-b]}
   * at {@code i}, or {@code i} when there is none.
   */
  private static int bracketEnd(String sql, int i) {
    if (i >= sql.length() || sql.charAt(i) != '[') {
      return i;
    }
    int end = i + 1;
    // datadog's parameters nest dotted, back-quoted, @ and hyphenated keys: filter[cvss.base.score][`$op`],
    // filter[@resource_id], filter[incident-type] (a hyphen before a digit stays arithmetic: a[i-1])
    while (end < sql.length() && (isWordPart(sql.charAt(end)) || ".`@".indexOf(sql.charAt(end)) >= 0
        || (sql.charAt(end) == '-' && end + 1 < sql.length() && Character.isLetter(sql.charAt(end + 1))))) {
      end++;
    }
    return end < sql.length() && sql.charAt(end) == ']' ? end + 1 : i;
  }

  /**
   * The index after a column name written with one {@code @} at {@code start}
   * ({@code @odata.type}): a letter or {@code _}, then word characters and dots between them, as
   * StackQL's lexer reads it; {@code start} itself if there is none (an {@code @@} name, a lone @).
   */
  private static int atNameEnd(String sql, int start) {
    final int n = sql.length();
    if (start + 1 >= n || !(Character.isLetter(sql.charAt(start + 1)) || sql.charAt(start + 1) == '_')) {
      return start;
    }
    int end = start + 2;
    while (end < n && (isWordPart(sql.charAt(end))
        || sql.charAt(end) == '.' && end + 1 < n && isWordPart(sql.charAt(end + 1)))) {
      end++;
    }
    return end;
  }

  /** Whether a {@code $} starts a name such as {@code $.xgafv}, Google's parameter. */
  private static boolean isDollarName(String sql, int i) {
    return i + 2 < sql.length() && sql.charAt(i + 1) == '.' && Character.isLetter(sql.charAt(i + 2))
        && (i == 0 || !isWordPart(sql.charAt(i - 1)));
  }

  /**
   * Whether an @ name at {@code start} and its value: {@code @name} stays as written; a name
   * StackQL's pages write with hyphens or dots ({@code @cf-r2-jurisdiction}, {@code @$.xgafv}),
   * or quoted with back-ticks, becomes {@code @"name"}, which credql's lexer reads as one token.
   * Returns the index after the name.
   */
  private static int execParameterName(String sql, int start, RewrittenSql.Builder out) {
    final int n = sql.length();
    final int nameStart = start + 1 < n && sql.charAt(start + 1) == '@' ? start + 2 : start + 1;
    if (nameStart < n && (sql.charAt(nameStart) == '`' || sql.charAt(nameStart) == '"')) {
      final int end = quotedEnd(sql, nameStart, sql.charAt(nameStart));
      final String quote = String.valueOf(sql.charAt(nameStart));
      final String name = sql.substring(nameStart + 1, Math.max(nameStart + 1, end - 1)).replace(quote + quote, quote);
      out.replace(sql.substring(start, nameStart) + '"' + name.replace("\"", "\"\"") + '"', start, end);
      return end;
    }
    // @+jobId: a parameter named by Google's reserved expansion ({+jobId})
    final boolean reservedExpansion = nameStart + 1 < n && sql.charAt(nameStart) == '+'
        && (Character.isLetter(sql.charAt(nameStart + 1)) || sql.charAt(nameStart + 1) == '_');
    int end = reservedExpansion ? nameStart + 1 : nameStart;
    boolean plain = !reservedExpansion;
    while (end < n) {
      final char c = sql.charAt(end);
      if (isWordPart(c)) {
        end++;
      } else if (bracketEnd(sql, end) > end && end > nameStart) {
        plain = false;
        end = bracketEnd(sql, end);
      } else if ((c == '-' || c == '.' || c == '#') && end > nameStart && end + 1 < n && isWordPart(sql.charAt(end + 1))) {
        plain = false;
        end++;
      } else {
        break;
      }
    }
    if (plain || end == nameStart) {
      out.append(sql, start, end);
    } else {
      out.replace(sql.substring(start, nameStart) + '"' + sql.substring(nameStart, end) + '"', start, end);
    }
    return end;
  }

  private static boolean isName(String upper, @Nullable String previous, String sql, int end, String opener) {
    final boolean qualified = ".".equals(previous);
    if (qualified) {
      // every part of a dotted name is a name: google.sqladmin.connect, t.limit, l.$filter (which
      // Calcite's lexer would read as a collation)
      return RESERVED.contains(upper) || upper.startsWith("$");
    }
    if (ALWAYS_NAMES.contains(upper)) {
      return true;
    }
    final char next = nextSignificant(sql, end);
    if (upper.equals("TABLE")) {
      return previous != null && next != '(' && !TABLE_KEYWORD_AFTER.contains(previous);
    }
    if (previous == null || !startsOperand(previous) || opensValue(next)) {
      return false;
    }
    final Set<String> keywordBefore = NAMES_WHERE_AN_OPERAND_STARTS.get(upper);
    if (keywordBefore != null) {
      return !keywordBefore.contains(nextWord(sql, end));
    }
    if (!RESERVED.contains(upper) || VALUE_KEYWORDS.contains(upper)) {
      return false;
    }
    if (end + 1 < sql.length() && sql.charAt(end) == '.' && Character.isLetter(sql.charAt(end + 1))) {
      // the first part of a dotted name (Google's interval.startTime): no keyword is joined to a dot
      return true;
    }
    if (next == '=' && !"=".equals(previous)) {
      // a parameter or field given a value (SET interval = 30, AND select = '...'); no keyword
      // other than a value is followed by "="
      return true;
    }
    if (previous.equals("AS")) {
      // an alias (AS rank, AS interval, AS member), but not a view's query nor CAST's type
      return !QUERY_WORDS_AFTER_AS.contains(upper) && !(CASTS.contains(opener) && TYPE_WORDS.contains(upper));
    }
    if ((upper.equals("ALL") || upper.equals("DISTINCT")) && (next == ',' || "FROM".equals(nextWord(sql, end)))) {
      // a quantifier is followed by an operand, never by a comma or FROM: SELECT all, owner FROM ...
      return true;
    }
    final boolean followedAsAName = ",);".indexOf(next) >= 0 || next == 0 || NAME_FOLLOWERS.contains(nextWord(sql, end));
    if (upper.equals("INTERVAL") && followedAsAName) {
      // no INTERVAL literal ends where it starts (Google's snoozes have a column named interval)
      return true;
    }
    if ((upper.equals("UNIQUE") || upper.equals("EXISTS")) && next != '(' && followedAsAName) {
      // the predicates UNIQUE (...) and EXISTS (...) take a query: alone they are columns (firestore's unique)
      return true;
    }
    if (KEYWORDS_THAT_END_AN_OPERAND.contains(upper)) {
      return false;
    }
    // any other reserved word that stands alone as an operand (SELECT language, ...): a name
    return followedAsAName || next == '=' || next == '<' || next == '>' || next == '!';
  }

  /**
   * Whether the word is SQLite's {@code trim(x, characters)}: Calcite's grammar reads every
   * {@code trim(} as the standard's {@code TRIM([BOTH ...] [characters FROM] x)}, which takes no
   * comma; quoted, the name is an ordinary function call that finds SQLite's trim. The one-argument
   * form means the same in both and stays Calcite's.
   */
  private static boolean isSqliteTrim(String upper, String sql, int end) {
    final String arguments = upper.equals("TRIM") ? topLevelArguments(sql, end) : null;
    return arguments != null && arguments.indexOf(',') >= 0;
  }

  /**
   * Whether the word is SQLite's {@code json_array(...)} or {@code json_object(...)}: Calcite's
   * grammar reads them as the standard's JSON constructors, whose values may not be queries
   * ({@code json_array((SELECT ...))}); quoted, they are ordinary calls of SQLite's functions.
   * A call in the standard's own syntax ({@code KEY 'a' VALUE 1}, {@code 'a' : 1},
   * {@code ABSENT ON NULL}) stays Calcite's.
   */
  private static boolean isSqliteJsonConstructor(String upper, @Nullable String previous, String sql, int end) {
    if (!upper.equals("JSON_ARRAY") && !upper.equals("JSON_OBJECT") || ".".equals(previous)) {
      return false;
    }
    final String arguments = topLevelArguments(sql, end);
    if (arguments == null || arguments.indexOf(':') >= 0) {
      return false;
    }
    for (String word : arguments.toUpperCase(Locale.ROOT).split("[^A-Z_]+")) {
      if (STANDARD_JSON_CONSTRUCTOR_WORDS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text inside the parentheses that follow {@code end}, with quoted text and anything in
   * nested parentheses left out (each replaced by a space); null when no parenthesis follows or
   * it is not closed.
   */
  private static @Nullable String topLevelArguments(String sql, int end) {
    final StringBuilder arguments = new StringBuilder();
    return closingParenthesis(sql, end, arguments) < 0 ? null : arguments.toString();
  }

  /**
   * The index of the parenthesis that closes the one following {@code end}, or -1; the text
   * between them at the top level goes to {@code arguments}.
   */
  private static int closingParenthesis(String sql, int end, StringBuilder arguments) {
    final int open = significantFrom(sql, end);
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return -1;
    }
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      final char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = quotedEnd(sql, i, c);
        arguments.append(' ');
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      } else if (depth == 1) {
        arguments.append(c);
      }
      i++;
    }
    return -1;
  }

  /**
   * Where SQLite's table function {@code json_each(...)} or {@code json_tree(...)} stands in FROM,
   * the index of the parenthesis closing its arguments, else -1: it is written {@code
   * TABLE(json_each(...))}, since Calcite's grammar reads a call in FROM without TABLE only when its
   * arguments' first tokens are not a function call ({@code json_each(json_extract(x, '$.a'))}).
   */
  private static int tableFunctionEnd(String upper, @Nullable String previous, String sql, int end) {
    if (!upper.equals("JSON_EACH") && !upper.equals("JSON_TREE")
        || !",".equals(previous) && !"FROM".equals(previous) && !"JOIN".equals(previous)) {
      return -1;
    }
    return closingParenthesis(sql, end, new StringBuilder());
  }

  private static Set<String> reservedWords() {
    final SqlAbstractParserImpl.Metadata metadata =
        CredqlSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
    final Set<String> reserved = new HashSet<>();
    for (String token : metadata.getTokens()) {
      if (metadata.isReservedWord(token)) {
        reserved.add(token);
      }
    }
    return Set.copyOf(reserved);
  }

  private static boolean startsOperand(String previous) {
    return OPERAND_AFTER_WORDS.contains(previous)
        || previous.length() == 1 && OPERAND_AFTER_SYMBOLS.indexOf(previous.charAt(0)) >= 0;
  }

  private static boolean opensValue(char next) {
    return next == '(' || next == '\'' || next == '?' || Character.isDigit(next);
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The index after the quoted text starting at {@code start}; a doubled quote stays inside. */
  private static int quotedEnd(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int lineEnd(String sql, int start) {
    final int newline = sql.indexOf('\n', start);
    return newline < 0 ? sql.length() : newline;
  }

  private static int significantFrom(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        i = lineEnd(sql, i);
      } else if (sql.startsWith("/*", i)) {
        final int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  private static char nextSignificant(String sql, int from) {
    final int i = significantFrom(sql, from);
    return i < sql.length() ? sql.charAt(i) : 0;
  }

  /** The next word in upper case, or "" when the next token is not a word. */
  private static String nextWord(String sql, int from) {
    final int start = significantFrom(sql, from);
    int end = start;
    while (end < sql.length() && isWordPart(sql.charAt(end))) {
      end++;
    }
    return sql.substring(start, end).toUpperCase(Locale.ROOT);
  }
}
