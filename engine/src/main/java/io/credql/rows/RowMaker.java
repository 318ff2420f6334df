package io.credql.rows;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.MethodDefinition;
import io.credql.error.ProviderResponseException;
import io.credql.schema.JsonSqlTypes;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;

import java.util.List;
import java.util.Map;

/** Turns a response item into a table row: fields from the item, parameter columns from the call. */
final class RowMaker {
  private final MethodDefinition method;
  private final List<ResourceColumn> columns;

  RowMaker(MethodDefinition method, ResourceColumns columns) {
    this.method = method;
    this.columns = columns.list();
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
        final Object echo = echoes.get(column.name());
        if (echo != null) {
          try {
            value = JsonSqlTypes.fromSql(echo, column.sqlType());
          } catch (IllegalArgumentException | ArithmeticException e) {
            value = null;
          }
        }
      }
      row[i] = value;
    }
    return row;
  }
}
