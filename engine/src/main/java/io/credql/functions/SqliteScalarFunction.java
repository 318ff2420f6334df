package io.credql.functions;

import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.lang.reflect.Method;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A SQLite scalar function: its name, how many arguments it takes, the SQL type of its result,
 * and the static Java method (taking the arguments as {@code Object[]}) that computes it.
 */
final class SqliteScalarFunction extends SqlUserDefinedFunction {
  private final SqlTypeName resultType;
  private final boolean deterministic;
  private final VariadicOperands operands;

  private SqliteScalarFunction(String name, SqlTypeName resultType, VariadicOperands operands,
      Implementation implementation, boolean deterministic, SqlFunctionCategory category) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        binding -> binding.getTypeFactory().createTypeWithNullability(
            binding.getTypeFactory().createSqlType(resultType), true),
        (binding, returnType, operandTypes) -> {
          // an operand of unknown type (NULL, ?) is text; a known type is kept, since Calcite
          // casts an operand to the type inferred here (an ANY result of another function of
          // ours would become text)
          for (int i = 0; i < operandTypes.length; i++) {
            final RelDataType known = binding.getOperandType(i);
            operandTypes[i] = known.getSqlTypeName() != SqlTypeName.NULL
                && known.getSqlTypeName() != SqlTypeName.UNKNOWN ? known
                : binding.getTypeFactory().createTypeWithNullability(
                    binding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true);
          }
        },
        operands, implementation, category, SqlSyntax.FUNCTION);
    this.resultType = resultType;
    this.deterministic = deterministic;
    this.operands = operands;
  }

  /** A function computed by {@code owner.method(Object[])}, taking {@code min..max} arguments (max -1: no limit). */
  static SqliteScalarFunction of(String name, SqlTypeName resultType, int min, int max,
      Class<?> owner, String method) {
    return new SqliteScalarFunction(name, resultType, new VariadicOperands(min, max),
        new Implementation(Types.lookupMethod(owner, method, Object[].class)), true,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
  }

  /** The same function, computed anew for every row (random(), 'now'). */
  SqliteScalarFunction nondeterministic() {
    return new SqliteScalarFunction(getName(), resultType, operands,
        (Implementation) getFunction(), false, getFunctionType());
  }

  /**
   * The same function, found by name only for a call the validator already resolved to it: max
   * and min, whose calls with one argument are Calcite's aggregates (Calcite looks a call's
   * function up again by name and category to type it).
   */
  SqliteScalarFunction specific() {
    return new SqliteScalarFunction(getName(), resultType, operands,
        (Implementation) getFunction(), deterministic,
        SqlFunctionCategory.USER_DEFINED_SPECIFIC_FUNCTION);
  }

  @Override public boolean isDeterministic() {
    return deterministic;
  }

  /** How many arguments the function takes, in words. */
  String arity() {
    return operands.arity();
  }

  /** The function for Calcite's code generator: its Java method, called with every argument. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    private final Method method;

    Implementation(Method method) {
      this.method = requireNonNull(method, "method");
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createSqlType(SqlTypeName.ANY);
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override public CallImplementor getImplementor() {
      return RexImpTable.createImplementor(new ArgumentArrayImplementor(method), NullPolicy.NONE,
          false);
    }
  }
}
