package io.credql.schema;

import io.credql.document.SqlNames;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a resource table: a response field, a request parameter whose value is echoed, or
 * both (a field that is also an input of some SELECT method).
 */
public final class ResourceColumn {
  private final String name;
  private final String fieldName;
  private final String jsonType;
  private final boolean field;
  private final boolean parameter;
  private final boolean pathParameter;
  private final @Nullable String description;
  private final List<String> documentNames;

  ResourceColumn(String name, String jsonType, boolean field, boolean parameter,
      @Nullable String description) {
    this(name, name, jsonType, field, parameter, description, List.of(name));
  }

  ResourceColumn(String name, String fieldName, String jsonType, boolean field, boolean parameter,
      @Nullable String description, List<String> documentNames) {
    this(name, fieldName, jsonType, field, parameter, false, description, documentNames);
  }

  private ResourceColumn(String name, String fieldName, String jsonType, boolean field, boolean parameter,
      boolean pathParameter, @Nullable String description, List<String> documentNames) {
    this.pathParameter = pathParameter;
    this.documentNames = List.copyOf(documentNames);
    this.fieldName = requireNonNull(fieldName, "fieldName");
    this.name = requireNonNull(name, "name");
    this.jsonType = requireNonNull(jsonType, "jsonType");
    this.field = field;
    this.parameter = parameter;
    this.description = description;
  }

  /**
   * This column, also passed to the call as the input the document calls {@code inputName}, of
   * {@code inputType}: where the two types differ the column takes a type holding both
   * ({@link #widened}), so that a value written for the parameter is not refused as the field's type.
   */
  ResourceColumn asParameter(String inputName, String inputType, boolean inPath) {
    final List<String> names = new ArrayList<>(documentNames);
    names.add(inputName);
    return new ResourceColumn(name, fieldName, widened(jsonType, inputType), field, true, inPath, description,
        names);
  }

  /** This column, also an input placed in the URL's path by some method. */
  ResourceColumn inPath() {
    return new ResourceColumn(name, fieldName, jsonType, field, parameter, true, description, documentNames);
  }

  /** This column holding values of {@code otherType} too (another method types the same field so). */
  ResourceColumn alsoHolding(String otherType) {
    return new ResourceColumn(name, fieldName, widened(jsonType, otherType), field, parameter, pathParameter,
        description, documentNames);
  }

  /**
   * The JSON type holding values of both types: the same type, {@code number} for an integer and a
   * number, {@code string} for two other scalars (a string column shows any scalar as its text); an
   * object or array keeps the first type.
   */
  static String widened(String type, String other) {
    if (type.equals(other)) {
      return type;
    }
    final List<String> numbers = List.of("integer", "number");
    if (numbers.contains(type) && numbers.contains(other)) {
      return "number";
    }
    final List<String> scalars = List.of("string", "integer", "number", "boolean");
    return scalars.contains(type) && scalars.contains(other) ? "string" : type;
  }

  /**
   * Whether a statement that writes {@code candidate} means this column: its name, or any spelling
   * of the names the document gives its field and inputs ({@link SqlNames#answersTo}).
   */
  public boolean answersTo(String candidate) {
    if (SqlNames.answersTo(candidate, name)) {
      return true;
    }
    for (String documentName : documentNames) {
      if (SqlNames.answersTo(candidate, documentName)) {
        return true;
      }
    }
    return false;
  }

  /** The key of this column's value in a response row (the document's name, not the SQL alias). */
  public String fieldName() {
    return fieldName;
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

  /**
   * Whether some method places this input in the URL's path: a value given for it names the
   * collection the API answers from, rather than filtering rows the API returns.
   */
  public boolean isPathParameter() {
    return pathParameter;
  }

  public @Nullable String description() {
    return description;
  }

  @Override public String toString() {
    return name + " " + sqlType();
  }
}
