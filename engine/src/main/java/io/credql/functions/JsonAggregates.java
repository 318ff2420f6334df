package io.credql.functions;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SQLite's {@code json_group_array(value)} and {@code json_group_object(label, value)}. The
 * validator passes them {@code json_quote(value)} and a constant TRUE instead of the value:
 * Calcite skips rows whose aggregate arguments are NULL, and SQLite keeps them as JSON null;
 * json_quote also keeps a value made by a JSON function as JSON (SQLite's JSON subtype).
 */
public final class JsonAggregates {
  private JsonAggregates() {
  }

  static SqlOperator groupArray() {
    return SqliteAggregateFunction.of("json_group_array", SqlTypeName.VARCHAR, 2, GroupArray.class);
  }

  static SqlOperator groupObject() {
    return SqliteAggregateFunction.of("json_group_object", SqlTypeName.VARCHAR, 3, GroupObject.class);
  }

  /** The JSON text being built. */
  public static final class Builder {
    final StringBuilder json = new StringBuilder();

    void separate() {
      if (json.length() > 0) {
        json.append(',');
      }
    }
  }

  /** {@code json_group_array(value)}, given the value's JSON. */
  public static final class GroupArray {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object json, Object marker) {
      builder.separate();
      builder.json.append(json);
      return builder;
    }

    public static String result(Builder builder) {
      return "[" + builder.json + "]";
    }
  }

  /** {@code json_group_object(label, value)}, given the value's JSON; rows with a NULL label are skipped. */
  public static final class GroupObject {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object label, Object json, Object marker) {
      final String name = SqliteValues.text(label);
      if (name == null) {
        return builder;
      }
      builder.separate();
      SqliteJson.quote(name, builder.json);
      builder.json.append(':').append(json);
      return builder;
    }

    public static String result(Builder builder) {
      return "{" + builder.json + "}";
    }
  }
}
