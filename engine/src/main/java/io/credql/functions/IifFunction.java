package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.List;

/** SQLite's {@code iif(condition, then, else)}: Calcite's CASE, written as a function. */
final class IifFunction extends SqlFunction {
  static final IifFunction INSTANCE = new IifFunction();

  private IifFunction() {
    super("IIF", SqlKind.OTHER_FUNCTION, ReturnTypes.LEAST_RESTRICTIVE, null,
        OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY, SqlTypeFamily.ANY), SqlFunctionCategory.SYSTEM);
  }

  @Override public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    final List<SqlNode> operands = call.getOperandList();
    return new SqlCase(call.getParserPosition(), null,
        SqlNodeList.of(operands.get(0)), SqlNodeList.of(operands.get(1)), operands.get(2));
  }
}
