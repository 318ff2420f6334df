package io.credql.server;

import io.credql.call.LoopbackHost;
import io.credql.jdbc.Driver;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpRequestRemoteUserExtractor;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.RemoteUserDisallowedException;
import org.apache.calcite.avatica.server.RemoteUserExtractor;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * {@code credql serve}: Avatica's HTTP server over credql's embedded driver. Jetty listens on the
 * settings' address (TLS from PEM files; plain HTTP only on loopback), refuses request bodies over
 * the limit, checks HTTP Basic logins and bearer tokens against the users file, and serves each
 * request in Avatica's protobuf protocol for the authenticated {@link Caller}, whom
 * {@link ServerMeta} holds to the user's role.
 */
public final class CredqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CredqlServer.class);

  private final HttpServer server;
  private final ServerConnector connector;
  private final ServerMeta meta;
  private final ClientDisconnectWatch disconnects;
  private final URI url;

  private final AtomicBoolean closed = new AtomicBoolean();

  private CredqlServer(HttpServer server, ServerConnector connector, ServerMeta meta,
      ClientDisconnectWatch disconnects, URI url) {
    this.server = server;
    this.disconnects = disconnects;
    this.connector = connector;
    this.meta = meta;
    this.url = url;
  }

  /** Starts a server; bad settings (a public address without TLS, unreadable files) are an error saying what to fix. */
  public static CredqlServer start(ServerSettings settings) throws IOException, SQLException {
    return start(settings, Clock.systemUTC());
  }

  /** Starts a server whose pauses after failed logins follow {@code clock}. */
  static CredqlServer start(ServerSettings settings, Clock clock) throws IOException, SQLException {
    requireNonNull(settings, "settings");
    if (!settings.tls() && !LoopbackHost.isLoopback(settings.bind())) {
      throw new IllegalArgumentException("--bind " + settings.bind() + " without --tls-cert and --tls-key"
          + " would carry passwords in clear over the network; give a certificate, or bind to 127.0.0.1");
    }
    final UsersLoginService logins = new UsersLoginService(new UsersFile(settings.users()), clock);
    new Driver();
    final ClientDisconnectWatch disconnects = new ClientDisconnectWatch();
    final ServerMeta meta = new ServerMeta(Driver.CONNECT_STRING_PREFIX, settings.connection(),
        settings.idleConnection(), disconnects);
    final AvaticaServerConfiguration configuration = new UsersConfiguration(logins);
    final AvaticaProtobufHandler avatica = new AvaticaProtobufHandler(new LocalService(meta),
        NoopMetricsSystem.getInstance(), configuration);
    final ServerConnector[] listening = new ServerConnector[1];
    final PlainErrors errors = new PlainErrors(settings.maxRequestBytes(), new HttpConfiguration().getRequestHeaderSize());
    final ServerCustomizer<Server> jetty = server -> {
      listening[0] = connector(server, settings, errors);
      server.setConnectors(new Connector[] {listening[0]});
      final MalformedRequests wellFormed = new MalformedRequests();
      wellFormed.setHandler(avatica);
      final ConstraintSecurityHandler security = security(logins);
      security.setHandler(wellFormed);
      final RequestSizeLimit limit = new RequestSizeLimit(settings.maxRequestBytes());
      limit.setHandler(security);
      server.setHandler(limit);
      server.setErrorHandler(errors);
      server.addBean(logins);
    };
    final HttpServer server = new HttpServer.Builder<Server>()
        .withCustomAuthentication(configuration)
        .withServerCustomizers(List.of(jetty), Server.class)
        .build();
    server.start();
    final ServerConnector connector = listening[0];
    final String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
    final URI url = URI.create((settings.tls() ? "https" : "http") + "://" + host + ":" + connector.getLocalPort());
    avatica.setServerRpcMetadata(new RpcMetadataResponse(host + ":" + connector.getLocalPort()));
    LOG.info("credql server listening on {} (users from {})", url, settings.users());
    return new CredqlServer(server, connector, meta, disconnects, url);
  }

  /** Where clients connect: {@code jdbc:credql:remote=<url>}, or Avatica's {@code jdbc:avatica:remote:url=<url>}. */
  public URI url() {
    return url;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops the server; a second call does nothing (the shutdown hook of {@code credql serve} and the
   * end of its {@code join} both close it, and Avatica's stop throws when called twice).
   */
  @Override public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop();
    meta.closeAll();
    disconnects.close();
  }

  private static ServerConnector connector(Server server, ServerSettings settings, PlainErrors errors) {
    final HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    final ServerConnector connector;
    if (settings.tls()) {
      http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
      final SslContextFactory.Server tls = new SslContextFactory.Server();
      final char[] password = randomPassword();
      try {
        // settings.tls() holds exactly when both PEM files are given
        tls.setKeyStore(PemKeyStore.read(requireNonNull(settings.certificate(), "certificate"),
            requireNonNull(settings.key(), "key"), password));
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      tls.setKeyStorePassword(new String(password));
      tls.setKeyManagerPassword(new String(password));
      Arrays.fill(password, '\0');
      connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
          new AvaticaBadMessages(http, errors));
    } else {
      connector = new ServerConnector(server, new AvaticaBadMessages(http, errors));
    }
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    connector.setIdleTimeout(60_000);
    return connector;
  }

  /** Every path needs a login with one of the roles. */
  private static ConstraintSecurityHandler security(UsersLoginService logins) {
    final Constraint constraint = new Constraint();
    constraint.setName(Constraint.__BASIC_AUTH);
    constraint.setRoles(Arrays.stream(Role.values()).map(Role::toString).toArray(String[]::new));
    constraint.setAuthenticate(true);
    final ConstraintMapping mapping = new ConstraintMapping();
    mapping.setConstraint(constraint);
    mapping.setPathSpec("/*");
    final ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setAuthenticator(new BasicOrBearerAuthenticator(logins));
    security.setLoginService(logins);
    security.setRealmName("credql");
    security.setConstraintMappings(new ConstraintMapping[] {mapping});
    return security;
  }

  private static char[] randomPassword() {
    final byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }

  /** Avatica's view of the server's users: HTTP Basic or a bearer token, and each request served as its {@link Caller}. */
  private static final class UsersConfiguration implements AvaticaServerConfiguration {
    private final UsersLoginService logins;
    private final RemoteUserExtractor extractor = new HttpRequestRemoteUserExtractor();

    UsersConfiguration(UsersLoginService logins) {
      this.logins = logins;
    }

    @Override public AuthenticationType getAuthenticationType() {
      return AuthenticationType.CUSTOM;
    }

    @Override public boolean supportsImpersonation() {
      return true;
    }

    @Override public <T> T doAsRemoteUser(String remoteUserName, String remoteAddress, Callable<T> action)
        throws Exception {
      final ServerUser user = logins.user(remoteUserName);
      if (user == null) {
        throw new RemoteUserDisallowedException("user " + remoteUserName + " is no longer in the users file");
      }
      return new Caller(user, remoteAddress).serve(action);
    }

    @Override public RemoteUserExtractor getRemoteUserExtractor() {
      return extractor;
    }

    @Override public String[] getAllowedRoles() {
      return Arrays.stream(Role.values()).map(Role::toString).toArray(String[]::new);
    }

    @Override public @Nullable String getKerberosRealm() {
      return null;
    }

    @Override public @Nullable String getKerberosServiceName() {
      return null;
    }

    @Override public @Nullable String getKerberosHostName() {
      return null;
    }

    @Override public @Nullable String getKerberosPrincipal() {
      return null;
    }

    @Override public @Nullable String getHashLoginServiceRealm() {
      return null;
    }

    @Override public @Nullable String getHashLoginServiceProperties() {
      return null;
    }
  }
}
