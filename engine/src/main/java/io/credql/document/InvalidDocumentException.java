package io.credql.document;

import static java.util.Objects.requireNonNull;

import org.checkerframework.checker.nullness.qual.Nullable;

/** Thrown when a provider document cannot be read or does not have the shape credql needs. */
public class InvalidDocumentException extends RuntimeException {
  private final String file;
  private final String pointer;

  public InvalidDocumentException(String file, String pointer, String problem) {
    this(file, pointer, problem, null);
  }

  public InvalidDocumentException(String file, String pointer, String problem, @Nullable Throwable cause) {
    super("invalid provider document " + file + " at " + (pointer.isEmpty() ? "/" : pointer)
        + ": " + problem, cause);
    this.file = requireNonNull(file, "file");
    this.pointer = requireNonNull(pointer, "pointer");
  }

  /** The document's file, as the user knows it (a path, or a classpath location). */
  public String file() {
    return file;
  }

  /** JSON pointer to the offending node. */
  public String pointer() {
    return pointer;
  }
}
