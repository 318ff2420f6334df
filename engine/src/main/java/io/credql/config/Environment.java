package io.credql.config;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;

/**
 * Environment variables as a connection sees them: the process environment, overlaid with the
 * sandbox's demo credentials when the connection runs on the simulators.
 */
public final class Environment {
  private final Map<String, String> overlay;
  private final Map<String, String> process;

  public Environment(Map<String, String> overlay, Map<String, String> process) {
    this.overlay = Map.copyOf(overlay);
    this.process = process;
  }

  /** The process environment only. */
  public static Environment system() {
    return new Environment(Map.of(), System.getenv());
  }

  public Environment withOverlay(Map<String, String> values) {
    final java.util.HashMap<String, String> merged = new java.util.HashMap<>(overlay);
    merged.putAll(values);
    return new Environment(merged, process);
  }

  /** The variable's value, or null if it is unset or empty. */
  public @Nullable String get(String name) {
    final String value = overlay.containsKey(name) ? overlay.get(name) : process.get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
