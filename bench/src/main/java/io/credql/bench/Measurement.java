package io.credql.bench;

import static java.util.Objects.requireNonNull;

/** One line of the results table: what was measured, the target, the figure, and whether it met the target. */
record Measurement(String id, String what, String target, String result, boolean met) {
  Measurement {
    requireNonNull(id, "id");
    requireNonNull(what, "what");
    requireNonNull(target, "target");
    requireNonNull(result, "result");
  }
}
