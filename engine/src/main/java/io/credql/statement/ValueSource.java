package io.credql.statement;

import io.credql.error.InvalidInputException;
import io.credql.config.Environment;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A value written in a statement (an EXEC argument, an INSERT value, a DELETE condition's
 * operand): a literal (or StackQL's {@code string('...')} or {@code json('...')} of one), known
 * when the statement is prepared, or a {@code ?} parameter, known when it is executed.
 */
abstract class ValueSource {
  /** The value, reading {@code ?} parameters from {@code dataContext}. */
  abstract @Nullable Object value(DataContext dataContext);

  /** Whether the value is a secret named by {@code env(...)} or {@code file(...)}. */
  boolean isSecret() {
    return false;
  }

  /** Whether the value is a {@code ?} parameter. */
  boolean isParameter() {
    return false;
  }

  /** Index of the {@code ?} parameter, or -1. */
  int parameterIndex() {
    return -1;
  }

  /**
   * Reads {@code node}: a literal, a negated number, {@code ?}, or a secret kept out of the
   * statement text, {@code env('VARIABLE')} or {@code file('/path')}, read when the statement runs.
   */
  static ValueSource of(SqlNode node, String what, Environment environment)
      throws InvalidInputException {
    final SecretSource secret = SecretSource.of(node, what, environment);
    if (secret != null) {
      return secret;
    }
    if (node instanceof SqlDynamicParam) {
      final int index = ((SqlDynamicParam) node).getIndex();
      return new ValueSource() {
        @Override @Nullable Object value(DataContext dataContext) {
          return dataContext.get("?" + index);
        }

        @Override boolean isParameter() {
          return true;
        }

        @Override int parameterIndex() {
          return index;
        }
      };
    }
    final Object constant = constant(node, what);
    return new ValueSource() {
      @Override @Nullable Object value(DataContext dataContext) {
        return constant;
      }
    };
  }

  private static long whole(BigDecimal number, String what) throws InvalidInputException {
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(what + " is " + number.toPlainString() + ", a number too large:"
          + " whole numbers go from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
  }

  private static @Nullable Object constant(SqlNode node, String what) throws InvalidInputException {
    if (node.getKind() == SqlKind.MINUS_PREFIX && node instanceof SqlCall) {
      final SqlNode operand = ((SqlBasicCall) node).operand(0);
      if (operand instanceof SqlNumericLiteral) {
        return ((SqlNumericLiteral) operand).bigDecimalValue().negate();
      }
    }
    final SqlNode textOf = stackqlTextCall(node, "string");
    if (textOf != null) {
      // StackQL's awscc pages write SET PatchDocument = string('[...]'): the value as text
      final Object value = constant(textOf, what);
      return value == null ? null : value instanceof BigDecimal ? ((BigDecimal) value).toPlainString()
          : value.toString();
    }
    final SqlNode jsonOf = stackqlTextCall(node, "json");
    if (jsonOf instanceof SqlCharStringLiteral) {
      return ((SqlCharStringLiteral) jsonOf).getValueAs(String.class);
    }
    if (node instanceof SqlLiteral || node.getKind() == SqlKind.LITERAL_CHAIN) {
      final SqlLiteral literal = SqlLiteral.unchain(node);
      if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
        return literal.getValueAs(Boolean.class);
      }
      if (literal.getTypeName() == SqlTypeName.NULL) {
        return null;
      }
      if (literal instanceof SqlNumericLiteral) {
        final BigDecimal decimal = ((SqlNumericLiteral) literal).bigDecimalValue();
        return decimal == null || decimal.scale() > 0 ? decimal : whole(decimal, what);
      }
      final Object value = SqlLiteral.value(literal);
      if (value instanceof NlsString) {
        return ((NlsString) value).getValue();
      }
      return value;
    }
    throw new InvalidInputException(what + " must be a literal ('text', 123, true, NULL), ?, "
        + "string('text'), env('VARIABLE') or file('path'), not " + described(node) + " at line "
        + node.getParserPosition().getLineNum() + ", column " + node.getParserPosition().getColumnNum()
        + " (StackQL takes no other expression there either: compute the value with a SELECT and pass it"
        + " as a literal or a ?, or write INSERT ... SELECT)");
  }

  /**
   * The argument of StackQL's {@code string(...)} or {@code json('{...}')} ({@code function}), the
   * calls its UPDATE takes as values; else null.
   */
  private static @Nullable SqlNode stackqlTextCall(SqlNode node, String function) {
    return node instanceof SqlBasicCall && ((SqlBasicCall) node).operandCount() == 1
        && function.equalsIgnoreCase(((SqlBasicCall) node).getOperator().getName())
        ? ((SqlBasicCall) node).operand(0) : null;
  }

  /** What the user wrote instead of a value, in their words: a call of json_replace(), the column x, an expression. */
  private static String described(SqlNode node) {
    if (node instanceof SqlIdentifier) {
      return "the column " + node;
    }
    if (node instanceof SqlBasicCall && ((SqlBasicCall) node).getOperator() instanceof SqlFunction) {
      return "a call of " + ((SqlBasicCall) node).getOperator().getName().toLowerCase(Locale.ROOT) + "()";
    }
    return "an expression";
  }
}
