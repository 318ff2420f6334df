package io.credql.functions;

import io.credql.error.InvalidInputException;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceRowType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a literal whose type cannot be a parameter's value in a WHERE condition
 * ({@code instanceId = TRUE}, {@code enabled = 1}, {@code name = DATE '2024-01-01'}), naming the
 * parameter, its type and the value's type, before anything is sent. Calcite would make the
 * comparison fit silently ({@code TRUE} becomes {@code 1}) and call the provider with a value the
 * user never wrote. Text is let through as StackQL lets it ({@code instanceId = '123'} is
 * {@code 123}); text that is not a number is refused later by the call's input check, which names
 * the parameter too. A list of values of different types ({@code version IN (2, TRUE)}) is refused
 * by Calcite's validator itself, in one line.
 *
 * <p>The types are those written: Calcite's validator replaces a literal that does not fit the
 * column ({@code includeRetired = 1} becomes {@code includeRetired = TRUE}), so they are noted
 * before validation, by the position of each comparison, which validation keeps.
 */
final class ParameterLiteralTypes extends SqlBasicVisitor<@Nullable Void> {
  private final SqlValidatorImpl validator;
  /** Of each comparison as written, by its position: the type of each operand that is a literal. */
  private final Map<SqlParserPos, List<@Nullable SqlTypeName>> written = new HashMap<>();

  /** A check for {@code parsed} (not yet validated) by {@code validator}. */
  ParameterLiteralTypes(SqlValidatorImpl validator, SqlNode parsed) {
    this.validator = validator;
    parsed.accept(new SqlBasicVisitor<@Nullable Void>() {
      @Override public @Nullable Void visit(SqlCall call) {
        if (isComparison(call) && !call.getParserPosition().equals(SqlParserPos.ZERO)) {
          final List<@Nullable SqlTypeName> types = new ArrayList<>();
          for (SqlNode operand : call.getOperandList()) {
            types.add(uncast(operand) instanceof SqlLiteral literal ? typeOf(literal) : null);
          }
          written.put(call.getParserPosition(), types);
        }
        return super.visit(call);
      }
    });
  }

  /** The type of a literal as parsed: {@code DATE '...'} is read as its tag until it is validated. */
  private static SqlTypeName typeOf(SqlLiteral literal) {
    if (literal instanceof SqlUnknownLiteral typed) {
      final SqlTypeName tagged = SqlTypeName.get(typed.tag);
      return tagged != null ? tagged : SqlTypeName.UNKNOWN;
    }
    return literal.getTypeName();
  }

  private static boolean isComparison(SqlCall call) {
    return call.getKind() == SqlKind.EQUALS || call.getKind() == SqlKind.NOT_EQUALS;
  }

  @Override public @Nullable Void visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      final SqlNode where = select.getWhere();
      if (where != null) {
        check(where, validator.getWhereScope(select));
      }
    }
    return super.visit(call);
  }

  /** Checks each comparison of a column with a literal in {@code condition} (a validated WHERE). */
  private void check(SqlNode condition, SqlValidatorScope scope) {
    if (!(condition instanceof SqlCall call)) {
      return;
    }
    if (call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR || call.getKind() == SqlKind.NOT) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          check(operand, scope);
        }
      }
      return;
    }
    final List<@Nullable SqlTypeName> types = written.get(call.getParserPosition());
    if (!isComparison(call) || types == null || types.size() != call.operandCount()) {
      return;
    }
    for (int i = 0; i < 2; i++) {
      final SqlTypeName type = types.get(1 - i);
      // the written type is that of the literal still there (a view's text has positions of its own)
      if (uncast(call.operand(i)) instanceof SqlIdentifier identifier && uncast(call.operand(1 - i)) instanceof SqlLiteral
          && type != null && type != SqlTypeName.NULL && type != SqlTypeName.UNKNOWN) {
        final ResourceColumn parameter = parameter(identifier, scope);
        if (parameter != null && !fits(parameter.jsonType(), type)) {
          throw new InvalidInputException(parameter.name() + " is " + article(parameter.jsonType()) + " "
              + parameter.jsonType() + " parameter, but the value compared with it is " + kind(type)
              + ": " + advice(parameter) + "; nothing was sent").unchecked();
        }
      }
    }
  }

  /** The resource parameter {@code identifier} names, or null for anything else. */
  private static @Nullable ResourceColumn parameter(SqlIdentifier identifier, SqlValidatorScope scope) {
    final SqlQualified qualified;
    try {
      qualified = scope.fullyQualify(identifier);
    } catch (RuntimeException e) {
      // validation has resolved every name already: one it cannot qualify again is not a column
      return null;
    }
    if (qualified.namespace == null || qualified.suffix().size() != 1
        || !(qualified.namespace.getRowType() instanceof ResourceRowType row)) {
      return null;
    }
    final ResourceColumn column = row.columns().find(qualified.suffix().get(0));
    return column != null && column.isParameter() ? column : null;
  }

  /** Whether a literal of {@code type} can stand for a value of the JSON Schema type {@code jsonType}. */
  private static boolean fits(String jsonType, SqlTypeName type) {
    if (SqlTypeFamily.CHARACTER.getTypeNames().contains(type)) {
      return true;
    }
    final boolean numeric = SqlTypeFamily.NUMERIC.getTypeNames().contains(type);
    switch (jsonType) {
    case "integer":
    case "number":
      return numeric;
    case "boolean":
      return type == SqlTypeName.BOOLEAN;
    default:
      // StackQL sends a number's text for a string (or any other) parameter
      return numeric;
    }
  }

  private static String kind(SqlTypeName type) {
    if (type == SqlTypeName.BOOLEAN) {
      return "a boolean (TRUE or FALSE)";
    }
    if (SqlTypeFamily.NUMERIC.getTypeNames().contains(type)) {
      return "a number";
    }
    if (SqlTypeFamily.DATETIME.getTypeNames().contains(type)) {
      return "a date or time";
    }
    if (type.getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME || type.getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
      return "an interval";
    }
    return "of type " + type;
  }

  private static String advice(ResourceColumn parameter) {
    switch (parameter.jsonType()) {
    case "integer":
    case "number":
      return "give a number, as in " + parameter.name() + " = 123";
    case "boolean":
      return "give TRUE or FALSE, as in " + parameter.name() + " = TRUE";
    default:
      return "give it as text, as in " + parameter.name() + " = '...'";
    }
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static @Nullable SqlNode uncast(@Nullable SqlNode node) {
    SqlNode current = node;
    while (current instanceof SqlCall call && call.getKind() == SqlKind.CAST) {
      current = call.operand(0);
    }
    return current;
  }
}
