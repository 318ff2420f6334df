package io.credql.functions;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.function.Function;

/**
 * SQLite's aggregates {@code max}, {@code min}, {@code sum}, {@code avg} and {@code total} over
 * values of any storage class, such as {@code json_extract}'s: Calcite's own aggregates need one
 * SQL type and cannot compare or add values of type ANY. NULLs are skipped; max and min compare as
 * SQLite does (numbers below texts) and keep the first of equal values; sum is an integer while
 * every value is one (a text that is an integer counts as one) and a real otherwise, other text
 * counting by its numeric prefix; avg and total are reals, total 0.0 for no rows.
 */
public final class AnyValueAggregates {
  private static final SqlOperator MAX = SqliteAggregateFunction.of("max", SqlTypeName.ANY, 1, Max.class);
  private static final SqlOperator MIN = SqliteAggregateFunction.of("min", SqlTypeName.ANY, 1, Min.class);
  private static final SqlOperator SUM = SqliteAggregateFunction.of("sum", SqlTypeName.ANY, 1, Sum.class);
  /** SQLite's {@code avg(x)}, a real whatever it averages (Calcite's avg of the integers 1 and 2 is 1). */
  static final SqlOperator AVG = SqliteAggregateFunction.of("avg", SqlTypeName.DOUBLE, 1, Avg.class);
  /**
   * SQLite's {@code total(x)}, for any argument type, called by the validator as {@code
   * coalesce(total(x, TRUE), 0.0)}: Calcite answers NULL for an aggregate over no rows it can see
   * are none, where SQLite's total is 0.0.
   */
  static final SqlOperator TOTAL = SqliteAggregateFunction.of("total", SqlTypeName.DOUBLE, 2, Total.class);

  private AnyValueAggregates() {
  }

  /** {@code total(x)} as {@code coalesce(total(x, TRUE), 0.0)}; any other call as it is. */
  static SqlCall totalOfNoRowsIsZero(SqlCall call) {
    if (call.operandCount() != 1 || !call.getOperator().getName().equalsIgnoreCase("total")) {
      return call;
    }
    final SqlParserPos pos = call.getParserPosition();
    final SqlCall total = TOTAL.createCall(call.getFunctionQuantifier(), pos, call.operand(0),
        SqlLiteral.createBoolean(true, pos));
    return SqlStdOperatorTable.COALESCE.createCall(pos, total, SqlLiteral.createApproxNumeric("0.0", pos));
  }

  /**
   * Makes a call of Calcite's max, min, sum or avg whose argument has no SQL type of its own (ANY)
   * or, for sum and avg, is text, a call of SQLite's aggregate; {@code typeOf} gives an operand's type.
   */
  static void useSqlitesFor(SqlBasicCall call, Function<SqlNode, RelDataType> typeOf) {
    final SqlKind kind = call.getOperator().getKind();
    if (call.operandCount() != 1 || !call.getOperator().isAggregator()
        || kind != SqlKind.MAX && kind != SqlKind.MIN && kind != SqlKind.SUM && kind != SqlKind.AVG) {
      return;
    }
    final RelDataType type = typeOf.apply(call.operand(0));
    final boolean any = type.getSqlTypeName() == SqlTypeName.ANY;
    final boolean text = type.getFamily() == SqlTypeFamily.CHARACTER;
    if (any || text && (kind == SqlKind.SUM || kind == SqlKind.AVG)) {
      call.setOperator(kind == SqlKind.MAX ? MAX : kind == SqlKind.MIN ? MIN : kind == SqlKind.SUM ? SUM : AVG);
    }
  }

  /** The value picked so far by max or min. */
  public static final class Picked {
    @Nullable Object value;

    Picked offer(@Nullable Object candidate, boolean max) {
      if (candidate == null) {
        return this;
      }
      final Object sqlite = MinMaxFunctions.sqliteValue(candidate);
      if (sqlite == null) {
        return this;
      }
      final Object best = value;
      if (best == null) {
        value = sqlite;
      } else {
        final int order = MinMaxFunctions.compare(best, sqlite);
        if (max ? order < 0 : order > 0) {
          value = sqlite;
        }
      }
      return this;
    }
  }

  /** {@code max(x)}. */
  public static final class Max {
    public static Picked init() {
      return new Picked();
    }

    public static Picked add(Picked picked, @Nullable Object value) {
      return picked.offer(value, true);
    }

    public static @Nullable Object result(Picked picked) {
      return picked.value;
    }
  }

  /** {@code min(x)}. */
  public static final class Min {
    public static Picked init() {
      return new Picked();
    }

    public static Picked add(Picked picked, @Nullable Object value) {
      return picked.offer(value, false);
    }

    public static @Nullable Object result(Picked picked) {
      return picked.value;
    }
  }

  /** The running sum of sum, avg and total: exact while every value is an integer. */
  public static final class Summed {
    long count;
    long integer;
    double real;
    boolean approximate;

    Summed add(@Nullable Object value) {
      if (value == null) {
        return this;
      }
      final String storageClass = SqliteValues.storageClass(value);
      final boolean integral = storageClass.equals("integer")
          || storageClass.equals("text") && SqliteValues.isNumericText(value.toString())
              && SqliteValues.number(value) instanceof Long;
      final Number number = SqliteValues.number(value);
      count++;
      if (integral && number != null && !approximate) {
        try {
          integer = Math.addExact(integer, number.longValue());
          return this;
        } catch (ArithmeticException e) {
          throw FunctionInputException.of("sum", "integer overflow");
        }
      }
      if (!approximate) {
        approximate = true;
        real = integer;
      }
      real += number == null ? 0 : number.doubleValue();
      return this;
    }

    double asReal() {
      return approximate ? real : integer;
    }
  }

  /** {@code sum(x)}. */
  public static final class Sum {
    public static Summed init() {
      return new Summed();
    }

    public static Summed add(Summed summed, @Nullable Object value) {
      return summed.add(value);
    }

    public static @Nullable Object result(Summed summed) {
      return summed.count == 0 ? null : summed.approximate ? (Object) summed.real : (Object) summed.integer;
    }
  }

  /** {@code avg(x)}. */
  public static final class Avg {
    public static Summed init() {
      return new Summed();
    }

    public static Summed add(Summed summed, @Nullable Object value) {
      return summed.add(value);
    }

    public static @Nullable Double result(Summed summed) {
      return summed.count == 0 ? null : summed.asReal() / summed.count;
    }
  }

  /** {@code total(x)}, given a constant second argument. */
  public static final class Total {
    public static Summed init() {
      return new Summed();
    }

    public static Summed add(Summed summed, @Nullable Object value, Object marker) {
      return summed.add(value);
    }

    public static Double result(Summed summed) {
      return summed.asReal();
    }
  }
}
