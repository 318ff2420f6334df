package io.credql.functions;

import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The functions of StackQL's language, looked up before Calcite's own: a name defined here
 * hides Calcite's function of the same name (SQLite's {@code replace}, {@code round} and
 * {@code length} differ from the standard's), every other name falls through to Calcite.
 * Where Calcite's function has SQLite's meaning it is listed here as it is.
 */
public final class SqliteOperatorTable implements SqlOperatorTable {
  /**
   * The functions that mark a JSON function's argument as JSON (see JsonValuedArguments), found
   * by name only for a call made with them: a statement cannot name them. Their names differ from
   * json's and json_extract's so that a plan never takes one for the other.
   */
  private static final Map<String, SqlOperator> JSON_ARGUMENTS = Map.of(
      "json_subtype", SqliteScalarFunction.of("json_subtype", SqlTypeName.ANY, 1, 1,
          JsonFunctions.class, "markJson").specific(),
      "json_extract_subtype", SqliteScalarFunction.of("json_extract_subtype", SqlTypeName.ANY, 2,
          -1, JsonFunctions.class, "jsonExtractAsJson").specific());
  private static final Map<String, List<SqlOperator>> FUNCTIONS = functions();
  /** Our scalar functions whose name is also an aggregate's. */
  private static final Set<String> NAMES_OF_AGGREGATES = Set.of("max", "min");

  /** Our functions whose name is also a function of the SQL standard's own syntax. */
  private static final Set<String> STANDARD_SYNTAX = Set.of("trim");

  private final SqlOperatorTable fallback;

  private SqliteOperatorTable(SqlOperatorTable fallback) {
    this.fallback = requireNonNull(fallback, "fallback");
  }

  /** StackQL's functions, then {@code fallback}'s (Calcite's and the schema's). */
  public static SqlOperatorTable over(SqlOperatorTable fallback) {
    return new SqliteOperatorTable(fallback);
  }

  /** The names of StackQL's functions, as the user guide lists them (the operators -> and ->> aside). */
  public static SortedSet<String> functionNames() {
    final SortedSet<String> names = new TreeSet<>();
    FUNCTIONS.keySet().stream().filter(name -> Character.isLetter(name.charAt(0))).forEach(names::add);
    return Collections.unmodifiableSortedSet(names);
  }

  /** Whether a function's arity is known and what it is, for the error naming a wrong call. */
  static @Nullable String arity(String name) {
    final List<SqlOperator> operators = FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
    if (operators == null || operators.size() != 1 || NAMES_OF_AGGREGATES.contains(name)
        || !(operators.get(0) instanceof SqliteScalarFunction)) {
      return null;
    }
    return ((SqliteScalarFunction) operators.get(0)).arity();
  }

  /** The one function of a name. */
  static SqlOperator function(String name) {
    return requireNonNull(FUNCTIONS.get(name), name).get(0);
  }

  static boolean isDefined(String name) {
    return FUNCTIONS.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code json_subtype(x)}, x marked as JSON ({@link JsonText}), or {@code json_extract_subtype(...)},
   * json_extract's value marked as JSON when it is an object or array.
   */
  static SqlOperator jsonArgument(String name) {
    return requireNonNull(JSON_ARGUMENTS.get(name), name);
  }

  static boolean isJsonArgument(SqlOperator operator) {
    return JSON_ARGUMENTS.containsKey(operator.getName());
  }

  @Override public void lookupOperatorOverloads(SqlIdentifier opName,
      @Nullable SqlFunctionCategory category, SqlSyntax syntax, List<SqlOperator> operatorList,
      SqlNameMatcher nameMatcher) {
    if (opName.isSimple() && (syntax == SqlSyntax.FUNCTION || syntax == SqlSyntax.FUNCTION_ID)) {
      final String name = opName.getSimple().toLowerCase(Locale.ROOT);
      final SqlOperator jsonArgument = JSON_ARGUMENTS.get(name);
      if (jsonArgument != null && category == SqlFunctionCategory.USER_DEFINED_SPECIFIC_FUNCTION) {
        operatorList.add(jsonArgument);
        return;
      }
      final List<SqlOperator> ours = FUNCTIONS.get(name);
      // Calcite's TRIM(... FROM x) looks itself up again when typed; only a call written as a
      // function (the pre-lexer quotes SQLite's trim(x, characters)) finds ours
      // max and min with one argument are Calcite's aggregates; the validator picks the
      // scalar functions for calls with more (MinMaxFunctions.scalarCall)
      if (ours != null && (!NAMES_OF_AGGREGATES.contains(name)
          || category == SqlFunctionCategory.USER_DEFINED_SPECIFIC_FUNCTION)
          && (!STANDARD_SYNTAX.contains(name)
          || category == SqlFunctionCategory.USER_DEFINED_FUNCTION)) {
        final boolean wantsTable = category != null && category.isTableFunction();
        boolean found = false;
        for (SqlOperator operator : ours) {
          if ((operator instanceof SqlUserDefinedTableFunction) == wantsTable) {
            operatorList.add(operator);
            found = true;
          }
        }
        if (found) {
          return;
        }
      }
    }
    fallback.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
  }

  @Override public List<SqlOperator> getOperatorList() {
    final List<SqlOperator> list = new ArrayList<>(fallback.getOperatorList());
    FUNCTIONS.values().forEach(list::addAll);
    return list;
  }

  private static Map<String, List<SqlOperator>> functions() {
    final Map<String, List<SqlOperator>> map = new LinkedHashMap<>();
    final Registry r = new Registry(map);
    // JSON
    r.scalar("json", SqlTypeName.VARCHAR, 1, 1, JsonFunctions.class, "json");
    r.scalar("json_extract", SqlTypeName.ANY, 2, -1, JsonFunctions.class, "jsonExtract");
    r.scalar("json_type", SqlTypeName.VARCHAR, 1, 2, JsonFunctions.class, "jsonType");
    r.scalar("json_valid", SqlTypeName.BOOLEAN, 1, 1, JsonFunctions.class, "jsonValid");
    r.scalar("json_array_length", SqlTypeName.BIGINT, 1, 2, JsonFunctions.class, "jsonArrayLength");
    r.scalar("json_quote", SqlTypeName.VARCHAR, 1, 1, JsonFunctions.class, "jsonQuote");
    r.scalar("json_object", SqlTypeName.VARCHAR, 0, -1, JsonFunctions.class, "jsonObject");
    r.scalar("json_array", SqlTypeName.VARCHAR, 0, -1, JsonFunctions.class, "jsonArray");
    r.scalar("json_patch", SqlTypeName.VARCHAR, 2, 2, JsonFunctions.class, "jsonPatch");
    r.scalar("json_insert", SqlTypeName.VARCHAR, 1, -1, JsonEditFunctions.class, "jsonInsert");
    r.scalar("json_replace", SqlTypeName.VARCHAR, 1, -1, JsonEditFunctions.class, "jsonReplace");
    r.scalar("json_set", SqlTypeName.VARCHAR, 1, -1, JsonEditFunctions.class, "jsonSet");
    r.scalar("json_remove", SqlTypeName.VARCHAR, 1, -1, JsonEditFunctions.class, "jsonRemove");
    r.scalar("json_equal", SqlTypeName.BOOLEAN, 2, 2, JsonFunctions.class, "jsonEqual");
    r.scalar("aws_policy_equal", SqlTypeName.BOOLEAN, 2, 2, JsonFunctions.class, "awsPolicyEqual");
    r.scalar("->", SqlTypeName.VARCHAR, 2, 2, JsonFunctions.class, "arrowJson");
    r.scalar("->>", SqlTypeName.ANY, 2, 2, JsonFunctions.class, "arrowValue");
    r.add("json_group_array", JsonAggregates.groupArray());
    r.add("json_group_object", JsonAggregates.groupObject());
    r.add("json_each", JsonEachFunction.each(1), JsonEachFunction.each(2));
    r.add("json_tree", JsonEachFunction.tree(1), JsonEachFunction.tree(2));
    // dates and times
    r.scalar("date", SqlTypeName.VARCHAR, 0, -1, DateFunctions.class, "date");
    r.scalar("time", SqlTypeName.VARCHAR, 0, -1, DateFunctions.class, "time");
    r.scalar("datetime", SqlTypeName.VARCHAR, 0, -1, DateFunctions.class, "datetime");
    r.scalar("julianday", SqlTypeName.DOUBLE, 0, -1, DateFunctions.class, "julianday");
    r.scalar("unixepoch", SqlTypeName.ANY, 0, -1, DateFunctions.class, "unixepoch");
    r.scalar("strftime", SqlTypeName.VARCHAR, 1, -1, DateFunctions.class, "strftime");
    // strings
    r.scalar("substr", SqlTypeName.VARCHAR, 2, 3, StringFunctions.class, "substr");
    r.scalar("length", SqlTypeName.BIGINT, 1, 1, StringFunctions.class, "length");
    r.scalar("trim", SqlTypeName.VARCHAR, 1, 2, StringFunctions.class, "trim");
    r.scalar("ltrim", SqlTypeName.VARCHAR, 1, 2, StringFunctions.class, "ltrim");
    r.scalar("rtrim", SqlTypeName.VARCHAR, 1, 2, StringFunctions.class, "rtrim");
    r.scalar("replace", SqlTypeName.VARCHAR, 3, 3, StringFunctions.class, "replace");
    r.scalar("printf", SqlTypeName.VARCHAR, 1, -1, StringFunctions.class, "printf");
    r.scalar("format", SqlTypeName.VARCHAR, 1, -1, StringFunctions.class, "printf");
    r.scalar("hex", SqlTypeName.VARCHAR, 1, 1, StringFunctions.class, "hex");
    r.scalar("char", SqlTypeName.VARCHAR, 0, -1, StringFunctions.class, "charOf");
    r.scalar("unicode", SqlTypeName.BIGINT, 1, 1, StringFunctions.class, "unicode");
    r.scalar("quote", SqlTypeName.VARCHAR, 1, 1, StringFunctions.class, "quote");
    r.scalar("concat", SqlTypeName.VARCHAR, 1, -1, StringFunctions.class, "concat");
    r.scalar("concat_ws", SqlTypeName.VARCHAR, 2, -1, StringFunctions.class, "concatWs");
    r.scalar("glob", SqlTypeName.BOOLEAN, 2, 2, StringFunctions.class, "glob");
    r.scalar("split_part", SqlTypeName.VARCHAR, 3, 3, StringFunctions.class, "splitPart");
    r.scalar("regexp_replace", SqlTypeName.VARCHAR, 3, 3, StringFunctions.class, "regexpReplace");
    r.add("instr", SqlLibraryOperators.INSTR);
    r.add("lower", SqlStdOperatorTable.LOWER);
    r.add("upper", SqlStdOperatorTable.UPPER);
    r.add("regexp_like", SqlLibraryOperators.REGEXP_LIKE);
    r.scalar("regexp_substr", SqlTypeName.VARCHAR, 2, 2, StringFunctions.class, "regexpSubstr");
    r.add("group_concat", GroupConcat.withDefaultSeparator(), GroupConcat.withSeparator("group_concat"));
    r.add("string_agg", GroupConcat.withSeparator("string_agg"));
    r.add("total", AnyValueAggregates.TOTAL);
    r.add("avg", AnyValueAggregates.AVG);
    // not a user's: what SQLite's bare columns become (BareColumns); the leading _ keeps them out of the list
    r.add(BareColumns.OF_MAX.getName(), BareColumns.OF_MAX);
    r.add(BareColumns.OF_MIN.getName(), BareColumns.OF_MIN);
    // math, as SQLite's math functions (ceil and floor are Calcite's: its grammar reads them)
    for (String name : new String[] {"acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
        "sin", "sinh", "tan", "tanh", "degrees", "radians", "exp", "sqrt", "ln", "log2", "log10"}) {
      r.scalar(name, SqlTypeName.DOUBLE, 1, 1, MathFunctions.class, name);
    }
    r.scalar("log", SqlTypeName.DOUBLE, 1, 2, MathFunctions.class, "log");
    r.scalar("atan2", SqlTypeName.DOUBLE, 2, 2, MathFunctions.class, "atan2");
    r.scalar("pow", SqlTypeName.DOUBLE, 2, 2, MathFunctions.class, "pow");
    r.scalar("power", SqlTypeName.DOUBLE, 2, 2, MathFunctions.class, "pow");
    r.scalar("mod", SqlTypeName.DOUBLE, 2, 2, MathFunctions.class, "mod");
    r.scalar("pi", SqlTypeName.DOUBLE, 0, 0, MathFunctions.class, "pi");
    r.scalar("trunc", SqlTypeName.ANY, 1, 1, MathFunctions.class, "trunc");
    r.scalar("sign", SqlTypeName.BIGINT, 1, 1, MathFunctions.class, "sign");
    // everything else
    r.add("max", SqliteScalarFunction.of("max", SqlTypeName.ANY, 2, -1,
        MinMaxFunctions.class, "max").specific());
    r.add("min", SqliteScalarFunction.of("min", SqlTypeName.ANY, 2, -1,
        MinMaxFunctions.class, "min").specific());
    r.scalar("typeof", SqlTypeName.VARCHAR, 1, 1, MiscFunctions.class, "typeOf");
    r.scalar("abs", SqlTypeName.ANY, 1, 1, MiscFunctions.class, "abs");
    r.scalar("round", SqlTypeName.DOUBLE, 1, 2, MiscFunctions.class, "round");
    r.add("random", SqliteScalarFunction.of("random", SqlTypeName.BIGINT, 0, 0,
        MiscFunctions.class, "random").nondeterministic());
    r.add("iif", IifFunction.INSTANCE);
    r.add("ifnull", SqlLibraryOperators.IFNULL);
    r.add("nullif", SqlStdOperatorTable.NULLIF);
    r.add("coalesce", SqlStdOperatorTable.COALESCE);
    return map;
  }

  /** Collects the table's functions by name. */
  private static final class Registry {
    private final Map<String, List<SqlOperator>> map;

    Registry(Map<String, List<SqlOperator>> map) {
      this.map = map;
    }

    void scalar(String name, SqlTypeName resultType, int min, int max, Class<?> owner,
        String method) {
      add(name, SqliteScalarFunction.of(name, resultType, min, max, owner, method));
    }

    void add(String name, SqlOperator... operators) {
      map.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(operators));
    }
  }
}
