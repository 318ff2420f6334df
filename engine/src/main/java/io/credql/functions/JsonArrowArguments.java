package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;

/**
 * SQLite's {@code f(col -> path)}: Calcite's parser reads an unqualified column followed by
 * {@code ->} at the start of a function's argument as a lambda ({@code col} its parameter, the
 * rest its body). No function of credql's takes a lambda (Calcite's that do belong to its Spark
 * library, which credql does not load), so such a lambda is SQLite's JSON operator: the column
 * becomes the left operand of {@code ->}, which binds tighter than any other binary operator, so
 * {@code f(col -> '$.a' || 'x')} means {@code f((col -> '$.a') || 'x')} as in SQLite.
 */
final class JsonArrowArguments {
  private JsonArrowArguments() {
  }

  /** The lambda as SQLite reads it, or the lambda itself when it has other than one parameter. */
  static SqlNode jsonOperator(SqlLambda lambda) {
    if (lambda.getParameters().size() != 1) {
      return lambda;
    }
    return attach((SqlIdentifier) lambda.getParameters().get(0), lambda.getExpression());
  }

  /** {@code column -> expression}, the operator applied to the expression's leftmost operand it binds. */
  private static SqlNode attach(SqlIdentifier column, SqlNode expression) {
    if (expression instanceof SqlCall && bindsLooser(((SqlCall) expression).getOperator())
        && ((SqlCall) expression).operandCount() > 0) {
      final SqlCall call = (SqlCall) expression;
      call.setOperand(0, attach(column, call.operand(0)));
      return call;
    }
    return JsonArrowOperator.JSON.createCall(column.getParserPosition().plus(
        expression.getParserPosition()), column, expression);
  }

  /** Whether an operator written after its first operand binds it less tightly than {@code ->}. */
  private static boolean bindsLooser(SqlOperator operator) {
    final SqlSyntax syntax = operator.getSyntax();
    return (syntax == SqlSyntax.BINARY || syntax == SqlSyntax.POSTFIX
        || syntax == SqlSyntax.SPECIAL && operator.getLeftPrec() > 0)
        && operator.getLeftPrec() <= JsonArrowOperator.JSON.getLeftPrec();
  }
}
