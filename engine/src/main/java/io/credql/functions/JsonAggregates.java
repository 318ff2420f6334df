package io.credql.functions;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SQLite's {@code json_group_array(value)} and {@code json_group_object(label, value)}. A value
 * made by a JSON function is embedded as JSON: the validator then passes a third, constant TRUE
 * argument (SQLite knows this from the value's JSON subtype, which Calcite's values lack).
 */
public final class JsonAggregates {
  private JsonAggregates() {
  }

  static SqlOperator[] groupArray() {
    return new SqlOperator[] {
        SqliteAggregateFunction.of("json_group_array", SqlTypeName.VARCHAR, 1, GroupArray.class),
        SqliteAggregateFunction.of("json_group_array", SqlTypeName.VARCHAR, 2, GroupArrayOfJson.class)};
  }

  static SqlOperator[] groupObject() {
    return new SqlOperator[] {
        SqliteAggregateFunction.of("json_group_object", SqlTypeName.VARCHAR, 2, GroupObject.class),
        SqliteAggregateFunction.of("json_group_object", SqlTypeName.VARCHAR, 3, GroupObjectOfJson.class)};
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

  /** {@code json_group_array(value)}. */
  public static final class GroupArray {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object value) {
      builder.separate();
      SqliteJson.appendValue(value, builder.json);
      return builder;
    }

    public static String result(Builder builder) {
      return "[" + builder.json + "]";
    }
  }

  /** {@code json_group_array(value)} of a value made by a JSON function. */
  public static final class GroupArrayOfJson {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object value, Object json) {
      return GroupArray.add(builder, JsonText.of(value));
    }

    public static String result(Builder builder) {
      return GroupArray.result(builder);
    }
  }

  /** {@code json_group_object(label, value)}; rows with a NULL label are skipped. */
  public static final class GroupObject {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object label, Object value) {
      if (label == null) {
        return builder;
      }
      builder.separate();
      SqliteJson.quote(SqliteValues.text(label), builder.json);
      builder.json.append(':');
      SqliteJson.appendValue(value, builder.json);
      return builder;
    }

    public static String result(Builder builder) {
      return "{" + builder.json + "}";
    }
  }

  /** {@code json_group_object(label, value)} of values made by a JSON function. */
  public static final class GroupObjectOfJson {
    public static Builder init() {
      return new Builder();
    }

    public static Builder add(Builder builder, Object label, Object value, Object json) {
      return GroupObject.add(builder, label, JsonText.of(value));
    }

    public static String result(Builder builder) {
      return GroupObject.result(builder);
    }
  }
}
