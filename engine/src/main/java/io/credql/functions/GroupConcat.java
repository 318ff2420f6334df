package io.credql.functions;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * SQLite's {@code group_concat(value[, separator])}: the non-NULL values as text, joined by the
 * separator (default {@code ','}); NULL when there is none. {@code string_agg(value, separator)} is
 * the same.
 */
public final class GroupConcat {
  private GroupConcat() {
  }

  static SqlOperator withDefaultSeparator() {
    return SqliteAggregateFunction.of("group_concat", SqlTypeName.VARCHAR, 1, DefaultSeparator.class);
  }

  /** {@code name(value, separator)}: group_concat's two-argument form, which SQLite also calls string_agg. */
  static SqlOperator withSeparator(String name) {
    return SqliteAggregateFunction.of(name, SqlTypeName.VARCHAR, 2, GivenSeparator.class);
  }

  /** The text joined so far, or null before the first value. */
  public static final class Joined {
    @Nullable StringBuilder text;

    Joined add(@Nullable Object value, @Nullable Object separator) {
      final String valueText = SqliteValues.text(value);
      if (valueText == null) {
        return this;
      }
      final String separatorText = SqliteValues.text(separator);
      if (text == null) {
        text = new StringBuilder();
      } else if (separatorText != null) {
        text.append(separatorText);
      }
      text.append(valueText);
      return this;
    }

    @Nullable String result() {
      return text == null ? null : text.toString();
    }
  }

  /** {@code group_concat(value)}. */
  public static final class DefaultSeparator {
    public static Joined init() {
      return new Joined();
    }

    public static Joined add(Joined joined, @Nullable Object value) {
      return joined.add(value, ",");
    }

    public static @Nullable String result(Joined joined) {
      return joined.result();
    }
  }

  /** {@code group_concat(value, separator)}. */
  public static final class GivenSeparator {
    public static Joined init() {
      return new Joined();
    }

    public static Joined add(Joined joined, @Nullable Object value, @Nullable Object separator) {
      return joined.add(value, separator);
    }

    public static @Nullable String result(Joined joined) {
      return joined.result();
    }
  }
}
