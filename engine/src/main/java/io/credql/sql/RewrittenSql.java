package io.credql.sql;

import io.credql.functions.SqliteValidator;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A statement as Calcite's parser reads it ({@link StackqlIdentifiers#rewrite}) and, for each of
 * its characters, the character of the statement as written that it came from: a column named by
 * its expression's text is named as the user wrote it, without the quotes the rewriting added.
 */
public final class RewrittenSql implements SqliteValidator.SourceText {
  private final String original;
  private final String text;
  private final int[] origins;

  private RewrittenSql(String original, String text, int[] origins) {
    this.original = requireNonNull(original, "original");
    this.text = requireNonNull(text, "text");
    this.origins = requireNonNull(origins, "origins");
  }

  /** The text Calcite parses. */
  public String text() {
    return text;
  }

  /** The statement as written. */
  public String original() {
    return original;
  }

  @Override public String parsed() {
    return text;
  }

  @Override public String written(int start, int end) {
    if (start >= end || start < 0 || end > origins.length) {
      return "";
    }
    return original.substring(origins[start], origins[end - 1] + 1);
  }

  /** Builds the rewritten text from pieces of the original, kept or replaced. */
  static final class Builder {
    private final String original;
    private final StringBuilder text;
    private int[] origins;

    Builder(String original) {
      this.original = original;
      this.text = new StringBuilder(original.length() + 8);
      this.origins = new int[original.length() + 8];
    }

    /** Keeps {@code original[start, end)} as it is. */
    void append(String sql, int start, int end) {
      for (int i = start; i < end; i++) {
        add(sql.charAt(i), i);
      }
    }

    /** Keeps {@code original[start, end)} inside double quotes, each quote standing for the letter beside it. */
    void quote(int start, int end) {
      add('"', start);
      append(original, start, end);
      add('"', end - 1);
    }

    /** Writes {@code replacement} for {@code original[start, end)}. */
    void replace(String replacement, int start, int end) {
      for (int k = 0; k < replacement.length(); k++) {
        add(replacement.charAt(k), Math.min(start + k, end - 1));
      }
    }

    private void add(char c, int origin) {
      if (text.length() == origins.length) {
        origins = Arrays.copyOf(origins, origins.length * 2 + 8);
      }
      origins[text.length()] = origin;
      text.append(c);
    }

    RewrittenSql build() {
      return new RewrittenSql(original, text.toString(), Arrays.copyOf(origins, text.length()));
    }
  }
}
