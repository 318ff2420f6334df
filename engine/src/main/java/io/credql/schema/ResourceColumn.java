package io.credql.schema;

import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * One column of a resource table: a response field, a request parameter whose value is echoed, or
 * both (a field that is also an input of some SELECT method).
 */
public final class ResourceColumn {
  private final String name;
  private final String jsonType;
  private final boolean field;
  private final boolean parameter;
  private final @Nullable String description;

  ResourceColumn(String name, String jsonType, boolean field, boolean parameter,
      @Nullable String description) {
    this.name = requireNonNull(name, "name");
    this.jsonType = requireNonNull(jsonType, "jsonType");
    this.field = field;
    this.parameter = parameter;
    this.description = description;
  }

  ResourceColumn asParameter() {
    return new ResourceColumn(name, jsonType, field, true, description);
  }

  public String name() {
    return name;
  }

  /** The JSON Schema type: string, integer, number, boolean, object or array. */
  public String jsonType() {
    return jsonType;
  }

  public SqlTypeName sqlType() {
    return JsonSqlTypes.sqlType(jsonType);
  }

  /** Whether the value comes from the response. */
  public boolean isField() {
    return field;
  }

  /** Whether a value bound to this column in WHERE or a join is passed to the call. */
  public boolean isParameter() {
    return parameter;
  }

  public @Nullable String description() {
    return description;
  }

  @Override public String toString() {
    return name + " " + sqlType();
  }
}
