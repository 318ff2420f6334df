package io.credql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The results of the run {@code bench/run} is about to replace, by measure id, read from its {@code benchmarks.md}. */
final class PreviousRun {
  private PreviousRun() {
  }

  /** Each table row's result, keyed by its id ({@code a}, {@code h2}, ...); empty when there was no run. */
  static Map<String, String> results(Path markdown) throws IOException {
    final Map<String, String> results = new LinkedHashMap<>();
    if (!Files.exists(markdown)) {
      return results;
    }
    for (String line : Files.readAllLines(markdown)) {
      // | id | measure | target | result | met | ...
      final String[] cells = line.split("\\|");
      if (cells.length >= 6 && cells[1].trim().matches("[a-z][0-9]*")) {
        results.put(cells[1].trim(), cells[4].trim());
      }
    }
    return results;
  }
}
