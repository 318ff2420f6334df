package io.credql.shell;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes a result set as a JSON array with one object per row, keyed by column label, one object
 * per line. Values keep the type the JDBC metadata gives them: numbers are JSON numbers, booleans
 * JSON booleans, NULL is {@code null}, everything else a string (a JSON object or array column
 * included, since the engine hands those over as text).
 */
public final class JsonFormatter implements ResultFormatter {
  public static final JsonFormatter INSTANCE = new JsonFormatter();

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private JsonFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    long rows = 0;
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(new RowPerLinePrinter());
      json.writeStartArray();
      while (resultSet.next()) {
        rows++;
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
          json.writeFieldName(columns.get(i).label());
          writeValue(json, resultSet, i + 1, columns.get(i));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    return rows;
  }

  private static void writeValue(JsonGenerator json, ResultSet resultSet, int index,
      ResultColumn column) throws SQLException, IOException {
    if (column.isInteger()) {
      final long value = resultSet.getLong(index);
      if (resultSet.wasNull()) {
        json.writeNull();
      } else {
        json.writeNumber(value);
      }
    } else if (column.jdbcType() == Types.DECIMAL || column.jdbcType() == Types.NUMERIC) {
      final BigDecimal value = resultSet.getBigDecimal(index);
      if (value == null) {
        json.writeNull();
      } else {
        json.writeNumber(value);
      }
    } else if (column.isNumeric()) {
      // NaN and infinities have no JSON number; Jackson writes them as strings
      final double value = resultSet.getDouble(index);
      if (resultSet.wasNull()) {
        json.writeNull();
      } else {
        json.writeNumber(value);
      }
    } else if (column.isBoolean()) {
      final boolean value = resultSet.getBoolean(index);
      if (resultSet.wasNull()) {
        json.writeNull();
      } else {
        json.writeBoolean(value);
      }
    } else {
      final String value = resultSet.getString(index);
      if (value == null) {
        json.writeNull();
      } else {
        json.writeString(value);
      }
    }
  }

  /** Puts each element of the top-level array on its own line, each object compact. */
  private static final class RowPerLinePrinter extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw(nrOfValues == 0 ? "]" : "\n]");
    }
  }
}
