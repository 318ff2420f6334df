package io.credql.statement;

import org.apache.calcite.sql.type.SqlTypeName;

import static java.util.Objects.requireNonNull;

/** A column of a result set credql produces itself: a name and a SQL type. */
public final class ResultColumn {
  private final String name;
  private final SqlTypeName type;

  public ResultColumn(String name, SqlTypeName type) {
    this.name = requireNonNull(name, "name");
    this.type = requireNonNull(type, "type");
  }

  public static ResultColumn varchar(String name) {
    return new ResultColumn(name, SqlTypeName.VARCHAR);
  }

  public String name() {
    return name;
  }

  public SqlTypeName type() {
    return type;
  }

  @Override public String toString() {
    return name + " " + type;
  }
}
