package io.credql.statement;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the prepared form (a Calcite signature) of a statement credql runs itself: its columns,
 * its {@code ?} parameters, and the function that produces its rows when it is executed.
 */
final class Signatures {
  /** The column Avatica reads an update count from. */
  static final String ROWCOUNT = "ROWCOUNT";

  private Signatures() {
  }

  /** A statement returning rows, produced by {@code rows} at execution (with the {@code ?} values in the data context). */
  @SuppressWarnings("unchecked")
  static <T> CalcitePrepare.CalciteSignature<T> query(CalcitePrepare.Context context, String sql,
      List<ResultColumn> columns, List<AvaticaParameter> parameters,
      Function<DataContext, List<Object[]>> rows) {
    final Bindable<Object[]> bindable = dataContext -> Linq4j.asEnumerable(rows.apply(dataContext));
    return (CalcitePrepare.CalciteSignature<T>) new CalcitePrepare.CalciteSignature<>(sql,
        parameters, Map.of(), rowType(context, columns), metadata(columns),
        Meta.CursorFactory.ARRAY, context.getRootSchema(), List.of(), -1, bindable,
        Meta.StatementType.SELECT);
  }

  /** A statement returning an update count, computed by {@code count} at execution. */
  @SuppressWarnings("unchecked")
  static <T> CalcitePrepare.CalciteSignature<T> update(CalcitePrepare.Context context, String sql,
      List<AvaticaParameter> parameters, Function<DataContext, Long> count) {
    final List<ResultColumn> columns = List.of(new ResultColumn(ROWCOUNT, SqlTypeName.BIGINT));
    final Bindable<Object[]> bindable = dataContext -> {
      final Enumerable<Object[]> rows = Linq4j.singletonEnumerable(new Object[] {count.apply(dataContext)});
      return rows;
    };
    return (CalcitePrepare.CalciteSignature<T>) new CalcitePrepare.CalciteSignature<>(sql,
        parameters, Map.of(), rowType(context, columns), metadata(columns),
        Meta.CursorFactory.ARRAY, context.getRootSchema(), List.of(), -1, bindable,
        Meta.StatementType.IS_DML);
  }

  /** A {@code ?} parameter of unknown type: whatever the caller binds is passed on. */
  static AvaticaParameter anyParameter(int index) {
    return new AvaticaParameter(false, 0, 0, Types.OTHER, "ANY", Object.class.getName(), "?" + index);
  }

  private static RelDataType rowType(CalcitePrepare.Context context, List<ResultColumn> columns) {
    final RelDataTypeFactory typeFactory = context.getTypeFactory();
    final RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ResultColumn column : columns) {
      builder.add(column.name(),
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(column.type()), true));
    }
    return builder.build();
  }

  private static List<ColumnMetaData> metadata(List<ResultColumn> columns) {
    final List<ColumnMetaData> result = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      final ResultColumn column = columns.get(i);
      final SqlTypeName type = column.type();
      final ColumnMetaData.Rep rep;
      final Class<?> javaClass;
      switch (type) {
      case BIGINT:
        rep = ColumnMetaData.Rep.LONG;
        javaClass = Long.class;
        break;
      case INTEGER:
        rep = ColumnMetaData.Rep.INTEGER;
        javaClass = Integer.class;
        break;
      case DOUBLE:
        rep = ColumnMetaData.Rep.DOUBLE;
        javaClass = Double.class;
        break;
      case BOOLEAN:
        rep = ColumnMetaData.Rep.BOOLEAN;
        javaClass = Boolean.class;
        break;
      default:
        rep = ColumnMetaData.Rep.STRING;
        javaClass = String.class;
        break;
      }
      final boolean numeric = type == SqlTypeName.BIGINT || type == SqlTypeName.INTEGER
          || type == SqlTypeName.DOUBLE;
      result.add(new ColumnMetaData(i, false, true, false, false,
          java.sql.ResultSetMetaData.columnNullable, numeric, displaySize(type), column.name(),
          column.name(), null, precision(type), 0, null, null,
          ColumnMetaData.scalar(type.getJdbcOrdinal(), type.getName(), rep), true, false, false,
          javaClass.getName()));
    }
    return result;
  }

  private static int precision(SqlTypeName type) {
    switch (type) {
    case BIGINT:
      return 19;
    case INTEGER:
      return 10;
    case DOUBLE:
      return 15;
    case BOOLEAN:
      return 1;
    default:
      return Integer.MAX_VALUE;
    }
  }

  private static int displaySize(SqlTypeName type) {
    switch (type) {
    case BIGINT:
      return 20;
    case INTEGER:
      return 11;
    case DOUBLE:
      return 24;
    case BOOLEAN:
      return 5;
    default:
      return 65536;
    }
  }
}
