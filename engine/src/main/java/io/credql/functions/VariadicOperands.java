package io.credql.functions;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operands of a SQLite function: any number between a minimum and a maximum, of any type,
 * as SQLite converts arguments itself.
 */
final class VariadicOperands implements SqlOperandMetadata {
  private final int min;
  private final int max;

  VariadicOperands(int min, int max) {
    this.min = min;
    this.max = max;
  }

  @Override public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
    return Collections.nCopies(min,
        typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.ANY), true));
  }

  @Override public List<String> paramNames() {
    final List<String> names = new ArrayList<>();
    for (int i = 0; i < min; i++) {
      names.add("arg" + i);
    }
    return names;
  }

  @Override public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    return true;
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return max < 0 ? SqlOperandCountRanges.from(min) : SqlOperandCountRanges.between(min, max);
  }

  @Override public String getAllowedSignatures(SqlOperator op, String opName) {
    return opName + "(" + arity() + ")";
  }

  @Override public boolean isFixedParameters() {
    return false;
  }

  /** How many arguments, in words: "2", "1 or 2", "2 or more". */
  String arity() {
    if (max < 0) {
      return min + " or more arguments";
    }
    if (min == max) {
      return min + (min == 1 ? " argument" : " arguments");
    }
    return (max == min + 1 ? min + " or " + max : min + " to " + max) + " arguments";
  }
}
