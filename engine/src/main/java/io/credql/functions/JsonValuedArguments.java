package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlCase;

import java.util.Locale;
import java.util.Set;

/**
 * SQLite's JSON subtype for the arguments of the functions that embed values in JSON
 * ({@code json_array}, {@code json_object}, {@code json_quote}, {@code json_insert},
 * {@code json_replace}, {@code json_set}, and through json_quote the JSON aggregates): an argument
 * made by a JSON function is embedded as JSON, not quoted as a string. SQLite marks the value
 * when the function returns it; Calcite passes plain values between functions, so the mark is put
 * on the argument instead, where the statement says where the value comes from. Like SQLite, the
 * mark passes through CASE, iif, coalesce, ifnull and nullif, and is lost in a subquery's column.
 */
final class JsonValuedArguments {
  /** Functions that embed their arguments in JSON (json_insert, json_replace and json_set: the values). */
  private static final Set<String> EMBEDDING =
      Set.of("json_array", "json_object", "json_quote", "json_insert", "json_replace", "json_set");

  /** Functions (and the {@code ->} operator) whose result is always JSON. */
  private static final Set<String> ALWAYS_JSON =
      Set.of("json", "json_object", "json_array", "json_quote", "json_patch", "json_insert",
          "json_replace", "json_set", "json_remove", "json_group_array", "json_group_object", "->");

  /** Functions and operators that return one of their arguments as it is. */
  private static final Set<SqlKind> PASSING_ON = Set.of(SqlKind.COALESCE, SqlKind.NULLIF);
  private static final Set<String> PASSING_ON_BY_NAME = Set.of("coalesce", "ifnull", "iif", "nullif");

  private JsonValuedArguments() {
  }

  /** The call with its JSON-valued arguments marked, when it embeds values in JSON; else as it is. */
  static SqlCall mark(SqlCall call) {
    if (!EMBEDDING.contains(name(call.getOperator()))) {
      return call;
    }
    for (int i = 0; i < call.operandCount(); i++) {
      final SqlNode operand = call.operand(i);
      if (operand != null) {
        call.setOperand(i, marked(operand));
      }
    }
    return call;
  }

  /** A value as SQLite would pass it: JSON when a JSON function made it. */
  private static SqlNode marked(SqlNode node) {
    if (node instanceof SqlLambda) {
      // f(col -> path), the JSON operator as Calcite's parser reads it
      return marked(JsonArrowArguments.jsonOperator((SqlLambda) node));
    }
    if (node instanceof SqlCase) {
      final SqlCase caseCall = (SqlCase) node;
      final SqlNodeList thens = caseCall.getThenOperands();
      for (int i = 0; i < thens.size(); i++) {
        thens.set(i, marked(thens.get(i)));
      }
      final SqlNode elseOperand = caseCall.getElseOperand();
      if (elseOperand != null) {
        caseCall.setOperand(3, marked(elseOperand));
      }
      return caseCall;
    }
    if (!(node instanceof SqlCall)) {
      return node;
    }
    final SqlCall call = (SqlCall) node;
    final String name = name(call.getOperator());
    if (SqliteOperatorTable.isJsonArgument(call.getOperator())) {
      return call;
    }
    if (name.equals("json_extract")) {
      // an object or array found is JSON, any other value is not: decided per row
      return SqliteOperatorTable.jsonArgument("json_extract_subtype")
          .createCall(call.getParserPosition(), call.getOperandList());
    }
    if (ALWAYS_JSON.contains(name)) {
      return SqliteOperatorTable.jsonArgument("json_subtype").createCall(call.getParserPosition(), call);
    }
    if (PASSING_ON.contains(call.getKind()) || PASSING_ON_BY_NAME.contains(name)) {
      // nullif passes on its first argument only
      final int passed = name.equals("nullif") ? 1 : call.operandCount();
      for (int i = name.equals("iif") ? 1 : 0; i < passed; i++) {
        final SqlNode operand = call.operand(i);
        if (operand != null) {
          call.setOperand(i, marked(operand));
        }
      }
    }
    return call;
  }

  private static String name(SqlOperator operator) {
    return operator.getName().toLowerCase(Locale.ROOT);
  }
}
