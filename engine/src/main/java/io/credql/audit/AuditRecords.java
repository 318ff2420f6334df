package io.credql.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The records of an audit log as read back: every whole JSON line, and the numbers of the lines
 * that are not whole records (cut short by a crash or a full disk while they were written), which
 * are skipped and reported rather than failing the read or passing for records.
 */
public final class AuditRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> records;
  private final List<Integer> tornLines;

  private AuditRecords(List<JsonNode> records, List<Integer> tornLines) {
    this.records = List.copyOf(records);
    this.tornLines = List.copyOf(tornLines);
  }

  /** Reads {@code file}, which {@link AuditLog} wrote. */
  public static AuditRecords read(Path file) throws IOException {
    requireNonNull(file, "file");
    final List<JsonNode> records = new ArrayList<>();
    final List<Integer> torn = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          final JsonNode record = JSON.readTree(line);
          if (record != null && record.isObject() && record.hasNonNull("event")) {
            records.add(record);
            continue;
          }
        } catch (IOException e) {
          // a line cut short is not JSON: reported below
        }
        torn.add(number);
      }
    }
    return new AuditRecords(records, torn);
  }

  /** The whole records, oldest first. */
  public List<JsonNode> records() {
    return records;
  }

  /** The numbers (from 1) of lines that are not whole records. */
  public List<Integer> tornLines() {
    return tornLines;
  }

  /** What a reader tells its user about the torn lines, or an empty string if there are none. */
  public String report(Path file) {
    return tornLines.isEmpty() ? "" : file + ": skipped " + tornLines.size()
        + (tornLines.size() == 1 ? " line that is" : " lines that are")
        + " not a whole record (cut short while written): line " + tornLines;
  }
}
