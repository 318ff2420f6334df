package io.credql.rows;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.MethodDefinition;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.schema.JsonSqlTypes;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a response item into a table row: fields from the item, parameter columns from the call. */
final class RowMaker {
  private final MethodDefinition method;
  private final List<ResourceColumn> columns;
  /** Indexes of the columns each row must agree on with its call ({@link ScanPlan#checked()}). */
  private final int[] checked;

  RowMaker(MethodDefinition method, ResourceColumns columns, Set<String> checked) {
    this.method = method;
    this.columns = columns.list();
    final List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < this.columns.size(); i++) {
      if (checked.contains(this.columns.get(i).name())) {
        indexes.add(i);
      }
    }
    this.checked = indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Whether {@code row} answers the call it came from: each checked column holds the value the
   * call was made with, compared as SQL's {@code =} compares them (a value that is not of the
   * column's type equals none), or, for a value placed in the URL's path, a link ending in it.
   */
  boolean answersCall(Object[] row, Map<String, Object> echoes) {
    for (int i : checked) {
      final Object value = row[i];
      final Object echo = echo(columns.get(i), echoes);
      if (value == null || echo == null) {
        return false;
      }
      if (value instanceof Double && echo instanceof Double
          ? ((Double) value).doubleValue() != ((Double) echo).doubleValue()
          : !value.equals(echo) && !(columns.get(i).isPathParameter() && isLinkTo(value, echo))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a response field answers a value the call placed in the URL's path with a link to it:
   * Google's instances, asked for zone {@code us-east1-b}, answer their zone as
   * {@code https://.../zones/us-east1-b}, and StackQL's pages expect those rows.
   */
  private static boolean isLinkTo(Object value, Object echo) {
    return value instanceof String && echo instanceof String && ((String) value).endsWith("/" + echo);
  }

  /**
   * The row that stands for a call the provider refused, with {@code onCallError=null}: the bound
   * values in the parameter columns (so the row still joins), the error in {@code _error}, NULL
   * elsewhere.
   */
  Object[] errorRow(Map<String, Object> echoes, ProviderErrorException error) {
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      final ResourceColumn column = columns.get(i);
      if (column.name().equals(ResourceColumns.ERROR_COLUMN) && !column.isField()) {
        row[i] = error.getMessage();
      } else if (column.isParameter()) {
        row[i] = echo(column, echoes);
      }
    }
    return row;
  }

  /**
   * @param echoes bound values by column name, for the parameter columns
   */
  Object[] row(JsonNode item, Map<String, Object> echoes) throws ProviderResponseException {
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      final ResourceColumn column = columns.get(i);
      Object value = null;
      if (column.isField() && item.isObject()) {
        try {
          value = JsonSqlTypes.fromJson(item.get(column.fieldName()), column.sqlType());
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw new ProviderResponseException(method.id() + ": the response's " + column.name()
              + " does not match the document (" + column.jsonType() + "): " + e.getMessage());
        }
      }
      if (value == null && column.isParameter()) {
        value = echo(column, echoes);
      }
      row[i] = value;
    }
    return row;
  }

  /** The value bound to parameter {@code column}, as its SQL type, or null. */
  private static @Nullable Object echo(ResourceColumn column, Map<String, Object> echoes) {
    final Object echo = echoes.get(column.name());
    if (echo == null) {
      return null;
    }
    try {
      return JsonSqlTypes.fromSql(echo, column.sqlType());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }
}
