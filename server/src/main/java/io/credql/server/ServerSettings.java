package io.credql.server;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * How a server runs: where it listens, its TLS identity (PEM files; none only on a loopback
 * address), its users file, the credql connection properties its connections open with, and
 * its limits.
 *
 * @param bind the address to listen on
 * @param port the port, or 0 for any free one
 * @param certificate PEM certificate (chain), or null for plain HTTP on loopback
 * @param key PEM PKCS#8 private key, with {@code certificate}
 * @param users the users file
 * @param connection the properties of the embedded connections (sandbox, baseUrl, auth, concurrency, ...)
 * @param maxRequestBytes the largest request body accepted
 * @param idleConnection how long a client's connection may sit unused before the server closes it
 */
public record ServerSettings(String bind, int port, @Nullable Path certificate, @Nullable Path key,
    Path users, Properties connection, long maxRequestBytes, Duration idleConnection) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 4L << 20;
  public static final Duration DEFAULT_IDLE_CONNECTION = Duration.ofMinutes(10);

  public ServerSettings {
    requireNonNull(bind, "bind");
    requireNonNull(users, "users");
    requireNonNull(connection, "connection");
    requireNonNull(idleConnection, "idleConnection");
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("give both --tls-cert and --tls-key, or neither");
    }
  }

  /** Settings with the defaults: loopback, any port, no TLS, a 4 MiB request limit, 10 minutes' idle time. */
  public static ServerSettings of(Path users, Properties connection) {
    return new ServerSettings("127.0.0.1", 0, null, null, users, connection, DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_IDLE_CONNECTION);
  }

  public ServerSettings withTls(Path certificate, Path key) {
    return new ServerSettings(bind, port, certificate, key, users, connection, maxRequestBytes, idleConnection);
  }

  public ServerSettings withAddress(String bind, int port) {
    return new ServerSettings(bind, port, certificate, key, users, connection, maxRequestBytes, idleConnection);
  }

  public ServerSettings withMaxRequestBytes(long maxRequestBytes) {
    return new ServerSettings(bind, port, certificate, key, users, connection, maxRequestBytes, idleConnection);
  }

  public boolean tls() {
    return certificate != null;
  }
}
