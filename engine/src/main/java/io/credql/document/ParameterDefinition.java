package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/** One input of a method: an OpenAPI parameter, a server variable or a request-body field. */
public final class ParameterDefinition {
  /** Where the value goes in the request. */
  public enum Location { PATH, QUERY, HEADER, SERVER, BODY }

  private final String name;
  private final Location location;
  private final boolean required;
  private final @Nullable SchemaNode schema;
  private final @Nullable String description;
  private final @Nullable JsonNode defaultValue;
  private final String sqlName;
  private final @Nullable String envVar;

  ParameterDefinition(String name, Location location, boolean required, @Nullable SchemaNode schema,
      @Nullable String description, @Nullable JsonNode defaultValue) {
    this(name, location, required, schema, description, defaultValue, name, null);
  }

  ParameterDefinition(String name, Location location, boolean required, @Nullable SchemaNode schema,
      @Nullable String description, @Nullable JsonNode defaultValue, String sqlName,
      @Nullable String envVar) {
    this.sqlName = requireNonNull(sqlName, "sqlName");
    this.envVar = envVar;
    this.name = requireNonNull(name, "name");
    this.location = requireNonNull(location, "location");
    this.required = required;
    this.schema = schema;
    this.description = description;
    this.defaultValue = defaultValue;
  }

  public String name() {
    return name;
  }

  /**
   * The name SQL uses: its {@code x-stackQL-alias}, or its snake_case form under
   * {@code snake_case_aliases}, or {@link #name()}.
   */
  public String sqlName() {
    return sqlName;
  }

  /** The environment variable whose value this input takes when the statement gives none ({@code x-stackQL-envVar}), or null. */
  public @Nullable String envVar() {
    return envVar;
  }

  /** Whether {@code candidate} names this input: its document name or its SQL name, ignoring case. */
  public boolean isCalled(String candidate) {
    return name.equalsIgnoreCase(candidate) || sqlName.equalsIgnoreCase(candidate);
  }

  /**
   * Whether {@code candidate} names this input in any spelling: {@link #isCalled}, or the same
   * words in another casing ({@link SqlNames#answersTo}).
   */
  public boolean answersTo(String candidate) {
    return isCalled(candidate) || SqlNames.answersTo(candidate, name)
        || SqlNames.answersTo(candidate, sqlName);
  }

  /** The same input known to SQL as {@code newSqlName}. */
  ParameterDefinition withSqlName(String newSqlName) {
    return new ParameterDefinition(name, location, required, schema, description, defaultValue,
        newSqlName, envVar);
  }

  public Location location() {
    return location;
  }

  /** Whether the caller must supply a value (a declared default does not count as supplied for server variables). */
  public boolean isRequired() {
    return required;
  }

  /** JSON type of the value: string, integer, number, boolean, object or array. */
  public String type() {
    return schema == null ? "string" : schema.type();
  }

  public @Nullable SchemaNode schema() {
    return schema;
  }

  public @Nullable String description() {
    return description;
  }

  /** The default used when no value is bound, or null. */
  public @Nullable JsonNode defaultValue() {
    return defaultValue;
  }

  @Override public String toString() {
    return name + " (" + location.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
