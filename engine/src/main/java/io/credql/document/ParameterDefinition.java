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

  ParameterDefinition(String name, Location location, boolean required, @Nullable SchemaNode schema,
      @Nullable String description, @Nullable JsonNode defaultValue) {
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
