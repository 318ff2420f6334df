package io.credql.functions;

import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

import static java.util.Objects.requireNonNull;

/**
 * A SQLite aggregate function: its name, how many arguments it takes, and the class whose static
 * {@code init}, {@code add} and {@code result} methods compute it (Calcite's reflective aggregate).
 */
final class SqliteAggregateFunction {
  private SqliteAggregateFunction() {
  }

  static SqlUserDefinedAggFunction of(String name, SqlTypeName resultType, int arguments,
      Class<?> implementation) {
    return of(name, binding -> binding.getTypeFactory().createTypeWithNullability(
        binding.getTypeFactory().createSqlType(resultType), true), arguments, implementation);
  }

  /** An aggregate whose result has its first argument's type, made nullable. */
  static SqlUserDefinedAggFunction typedAsFirstArgument(String name, int arguments, Class<?> implementation) {
    return of(name, ReturnTypes.ARG0_FORCE_NULLABLE, arguments, implementation);
  }

  private static SqlUserDefinedAggFunction of(String name, SqlReturnTypeInference resultType, int arguments,
      Class<?> implementation) {
    return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, resultType,
        null, new VariadicOperands(arguments, arguments),
        requireNonNull(AggregateFunctionImpl.create(implementation), name), false, false,
        Optionality.FORBIDDEN);
  }
}
