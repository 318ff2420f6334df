package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * A text that is JSON because a JSON function made it (SQLite's JSON subtype): a JSON function
 * given one embeds it as JSON, where it would quote a plain text as a JSON string.
 */
public final class JsonText {
  final String json;

  private JsonText(String json) {
    this.json = requireNonNull(json, "json");
  }

  /** Marks a value as JSON; null stays null. */
  public static @Nullable Object of(@Nullable Object value) {
    return value == null || value instanceof JsonText ? value : new JsonText(value.toString());
  }

  @Override public String toString() {
    return json;
  }
}
