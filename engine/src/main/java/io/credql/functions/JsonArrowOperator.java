package io.credql.functions;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * SQLite's JSON operators, {@code json -> path} (the part as JSON text) and {@code json ->> path}
 * (the part as an SQL value, as {@code json_extract} gives it). The path is a JSON path, an object
 * label ({@code 'name'} means {@code '$.name'}) or an array index ({@code 0} means {@code '$[0]'}).
 * The parser makes the operator; the validator rewrites it into a call of its function.
 */
public final class JsonArrowOperator extends SqlBinaryOperator {
  /** {@code json -> path}: the part as JSON text. */
  public static final JsonArrowOperator JSON = new JsonArrowOperator("->");
  /** {@code json ->> path}: the part as an SQL value. */
  public static final JsonArrowOperator VALUE = new JsonArrowOperator("->>");

  /** Binds tighter than comparisons and arithmetic, as in SQLite (beside {@code ||}). */
  private static final int PRECEDENCE = 70;

  private JsonArrowOperator(String name) {
    super(name, SqlKind.OTHER, PRECEDENCE, true, ReturnTypes.VARCHAR_NULLABLE, InferTypes.RETURN_TYPE,
        OperandTypes.ANY_ANY);
  }

  /** Becomes a call of the function of the operator's name, which SqliteOperatorTable defines. */
  @Override public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    return SqliteOperatorTable.function(getName()).createCall(call.getParserPosition(), call.getOperandList());
  }
}
