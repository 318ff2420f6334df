package io.credql.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.call.BoundCall;
import io.credql.error.CredqlException;
import io.credql.redact.Redactor;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Appends a JSON line per event to {@code ~/.credql/audit.jsonl} (or the connection's
 * {@code auditLog=} file): an {@code intent} before a mutating call is sent and its outcome
 * ({@code ok}, {@code failed}, {@code unknown}) after. Each line is forced to disk before the call
 * goes on. Parameters are recorded by name with secrets masked; bodies are masked.
 */
public final class AuditLog {
  /** What happened to a call. */
  public enum Outcome { OK, FAILED, UNKNOWN }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Redactor redactor;

  public AuditLog(Path file, Redactor redactor) {
    this.file = requireNonNull(file, "file");
    this.redactor = requireNonNull(redactor, "redactor");
  }

  /** The default file, {@code ~/.credql/audit.jsonl}. */
  public static Path defaultFile() {
    return Paths.get(System.getProperty("user.home"), ".credql", "audit.jsonl");
  }

  public Path file() {
    return file;
  }

  /** Records that {@code call} is about to be sent; returns the id that links its outcome. */
  public String intent(BoundCall call, String url) throws CredqlException {
    final String id = UUID.randomUUID().toString();
    final ObjectNode record = base("intent", id, call);
    record.put("http_method", call.method().httpMethod());
    record.put("url", redactor.redact(url));
    final ObjectNode parameters = record.putObject("parameters");
    for (Map.Entry<String, Object> input : call.inputs().entrySet()) {
      parameters.put(input.getKey(), Redactor.isSensitiveName(input.getKey())
          ? Redactor.MASK : redactor.redact(String.valueOf(input.getValue())));
    }
    if (call.body() != null) {
      record.set("body", redactor.mask(call.body()));
    }
    append(record);
    return id;
  }

  /** Records how the call with {@code id} ended; {@code status} is the HTTP status, or 0 if none came. */
  public void outcome(String id, BoundCall call, Outcome outcome, int status,
      @Nullable String error) throws CredqlException {
    final ObjectNode record = base("outcome", id, call);
    record.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    if (status > 0) {
      record.put("http_status", status);
    }
    if (error != null) {
      record.put("error", redactor.redact(error));
    }
    append(record);
  }

  private static ObjectNode base(String event, String id, BoundCall call) {
    final ObjectNode record = JSON.createObjectNode();
    record.put("time", Instant.now().toString());
    record.put("event", event);
    record.put("id", id);
    record.put("provider", call.method().resource().service().provider().name());
    record.put("resource", call.method().resource().id());
    record.put("method", call.method().name());
    return record;
  }

  private synchronized void append(JsonNode record) throws CredqlException {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      final boolean created = !Files.exists(file);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        if (created) {
          restrictToOwner(file);
        }
        channel.write(ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n")
            .getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new CredqlException("cannot write the audit log " + file + " (" + e.getMessage()
          + "); the call was not sent. Set auditLog=<path> to a writable file.", "58030", 0, e);
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
  }
}
