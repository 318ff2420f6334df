package io.credql.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.spi.BoundCall;
import io.credql.redact.Redactor;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Appends a JSON line per event to {@code ~/.credql/audit.jsonl} (or the connection's
 * {@code auditLog=} file): an {@code intent} before a mutating call is sent and its outcome
 * ({@code ok}, {@code failed}, {@code unknown}) after. Each line is written whole and forced to
 * disk before the call goes on, or the write fails loudly and leaves no part of the line behind.
 * Parameters are recorded by name with secrets masked; bodies are masked. On a
 * {@code credql serve} server each record also names the authenticated user and the client's
 * address, and a read of secret columns is recorded too ({@code secret_read}: who read which
 * columns of which resources, never a value).
 */
public final class AuditLog {
  /** What happened to a call. */
  public enum Outcome { OK, FAILED, UNKNOWN }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Writes in a row that may accept no byte before the file system is taken to be full. */
  private static final int MAX_STALLS = 8;
  private static final Set<StandardOpenOption> APPEND = EnumSet.of(StandardOpenOption.CREATE,
      StandardOpenOption.WRITE, StandardOpenOption.APPEND);

  /** Mutations recorded as intended whose outcome is not recorded yet, in every connection. */
  private static final Map<String, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();

  private final @Nullable Path file;
  private final Redactor redactor;
  /** Who the connection acts for, on a server; null in a connection of one's own. */
  private volatile @Nullable Actor actor;

  /** The authenticated user a server's connection acts for, and the address the user came from. */
  public record Actor(String user, String clientAddress) {
    public Actor {
      requireNonNull(user, "user");
      requireNonNull(clientAddress, "clientAddress");
    }
  }

  /** A call between its intent and its outcome. */
  private static final class InFlight {
    final AuditLog log;
    final BoundCall call;
    final String request;

    InFlight(AuditLog log, BoundCall call, String request) {
      this.log = log;
      this.call = call;
      this.request = request;
    }
  }

  /** @param file the log, or null when there is no home to keep the default one in */
  public AuditLog(@Nullable Path file, Redactor redactor) {
    this.file = file;
    this.redactor = requireNonNull(redactor, "redactor");
  }

  /** The default file, {@code ~/.credql/audit.jsonl}, or null if the process has no home (see {@link CredqlDirectory}). */
  public static @Nullable Path defaultFile() {
    final Path directory = CredqlDirectory.of();
    return directory == null ? null : directory.resolve("audit.jsonl");
  }

  public @Nullable Path file() {
    return file;
  }

  /** Names {@code actor} in every record written from now on (a server does this as it opens a client's connection). */
  public void actFor(Actor actor) {
    this.actor = requireNonNull(actor, "actor");
  }

  /**
   * Records that the user read the secret {@code columns} of {@code resources} with
   * {@code statement} (its secret literals masked by the caller); the values are not recorded.
   */
  public void secretsRead(List<String> resources, List<String> columns, String statement)
      throws AuditWriteException {
    final ObjectNode record = JSON.createObjectNode();
    record.put("time", Instant.now().toString());
    record.put("event", "secret_read");
    record.put("id", UUID.randomUUID().toString());
    resources.forEach(record.putArray("resources")::add);
    columns.forEach(record.putArray("columns")::add);
    record.put("statement", redactor.redact(statement));
    identify(record);
    append(record, "the values were not returned");
  }

  private void identify(ObjectNode record) {
    final Actor acting = actor;
    if (acting != null) {
      record.put("user", acting.user());
      record.put("client", acting.clientAddress());
    }
  }

  /** Records that {@code call} is about to be sent; returns the id that links its outcome. */
  public String intent(BoundCall call, String url) throws AuditWriteException {
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
    append(record, "the call was not sent");
    IN_FLIGHT.put(id, new InFlight(this, call, call.method().httpMethod() + " " + redactor.redact(url)));
    return id;
  }

  /**
   * Records how the call with {@code id} ended; {@code status} is the HTTP status, or 0 if none
   * came. If that fails, the error says what is known of the call, which was sent unless its
   * outcome is {@link Outcome#FAILED} without a status.
   */
  public void outcome(String id, BoundCall call, Outcome outcome, int status,
      @Nullable String error) throws AuditWriteException {
    IN_FLIGHT.remove(id);
    final ObjectNode record = base("outcome", id, call);
    record.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    if (status > 0) {
      record.put("http_status", status);
    }
    if (error != null) {
      record.put("error", redactor.redact(error));
    }
    append(record, "its outcome is not recorded: " + call.method().id() + " " + known(outcome, status)
        + "; check its effect before running it again");
  }

  /**
   * Records the outcome {@code unknown} for every mutation in flight in this JVM, as the process
   * is stopped ({@code reason}: "interrupted by SIGTERM"), and returns one line per call for the
   * user: what it was, and the SELECT that shows whether it took effect.
   */
  public static List<String> recordInterrupted(String reason) {
    final List<String> lines = new ArrayList<>();
    for (String id : List.copyOf(IN_FLIGHT.keySet())) {
      final InFlight call = IN_FLIGHT.remove(id);
      if (call == null) {
        continue;
      }
      final StringBuilder line = new StringBuilder(call.call.method().id()).append(" (")
          .append(call.request).append(") was in flight: its outcome is unknown");
      try {
        call.log.outcome(id, call.call, Outcome.UNKNOWN, 0, reason + " while the call was in flight");
        line.append(" (recorded in ").append(call.log.file).append(')');
      } catch (AuditWriteException e) {
        line.append(" (").append(e.getMessage()).append(')');
      }
      final String select = VerifyingSelect.of(call.call.method());
      line.append(select == null ? "; check whether it took effect before running it again"
          : "; check whether it took effect with " + select);
      lines.add(line.toString());
    }
    return lines;
  }

  private static String known(Outcome outcome, int status) {
    switch (outcome) {
    case OK:
      return "was sent and succeeded (HTTP " + status + ")";
    case FAILED:
      return status > 0 ? "was sent and refused (HTTP " + status + ")" : "failed before it was sent";
    default:
      return "was sent and its outcome is unknown";
    }
  }

  private ObjectNode base(String event, String id, BoundCall call) {
    final ObjectNode record = JSON.createObjectNode();
    record.put("time", Instant.now().toString());
    record.put("event", event);
    record.put("id", id);
    record.put("provider", call.method().resource().service().provider().name());
    record.put("resource", call.method().resource().id());
    record.put("method", call.method().name());
    identify(record);
    return record;
  }

  private synchronized void append(JsonNode record, String consequence) throws AuditWriteException {
    if (file == null) {
      throw new AuditWriteException("cannot write the audit log: HOME is not set and the user has"
          + " no home directory; " + consequence + ". Set HOME, or auditLog=<path> to a writable file.", null);
    }
    try {
      CredqlDirectory.createParentOf(file);
      try (FileChannel channel = open(file)) {
        final long start = channel.size();
        final ByteBuffer line = ByteBuffer.wrap(line(record, start > 0 && !endsWithNewline(file, start)));
        try {
          writeFully(channel, line);
          channel.force(true);
        } catch (IOException e) {
          channel.truncate(start);
          throw e;
        }
      }
    } catch (IOException e) {
      throw new AuditWriteException("cannot write the audit log " + file + " (" + reason(e) + "); "
          + consequence + ". Set auditLog=<path> to a writable file.", e);
    }
  }

  /** The record as a line; after a line a crash cut short, on a line of its own. */
  private static byte[] line(JsonNode record, boolean afterTornLine) throws JsonProcessingException {
    return ((afterTornLine ? "\n" : "") + JSON.writeValueAsString(record) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(file, APPEND,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(file, APPEND);
    }
  }

  private static boolean endsWithNewline(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      final ByteBuffer last = ByteBuffer.allocate(1);
      return channel.read(last, size - 1) == 1 && last.get(0) == '\n';
    }
  }

  /**
   * Writes all of {@code buffer}: a channel may write less than asked (a file-size limit does so
   * before it refuses), and a channel that keeps accepting nothing is full.
   */
  static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
    int stalls = 0;
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) > 0) {
        stalls = 0;
      } else if (++stalls >= MAX_STALLS) {
        throw new IOException("the file accepts no more bytes; " + buffer.remaining()
            + " bytes of the line were not written");
      }
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
