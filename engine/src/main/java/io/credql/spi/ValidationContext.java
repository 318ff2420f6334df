package io.credql.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Map;

/** What a validator may do: read from the same provider (e.g. an instance's engine, a user list). */
public interface ValidationContext {
  /**
   * The rows of a read method of the call's provider: {@code resource} in the same service,
   * {@code method} one of its GET methods, {@code inputs} its parameters (server variables
   * included). Empty when the provider answers 404. Null in a dry run, which sends nothing at
   * all: a validator then checks what it can without the read.
   */
  @Nullable List<JsonNode> read(String resource, String method, Map<String, Object> inputs)
      throws CredqlException;
}
