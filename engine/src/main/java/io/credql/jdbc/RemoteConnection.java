package io.credql.jdbc;

import io.credql.call.LoopbackHost;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.ProviderUnreachableException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A connection to a {@code credql serve} server ({@code jdbc:credql:remote=https://host:port}),
 * made by Avatica's thin driver: the JDBC {@code user} and {@code password} go as HTTP Basic
 * credentials, or a {@code token} as {@code Authorization: Bearer} ({@link BearerTokenHttpClient}),
 * {@code trustStore} (and {@code trustStorePassword}) name a key store holding a
 * private CA. No other property is sent: the server decides what its connections see. A
 * connection survives a restart of the server, and its errors are the server's own messages
 * ({@link RemoteErrors}).
 */
final class RemoteConnection {
  static final String REMOTE = "remote";
  static final String TRUST_STORE = "trustStore";
  static final String TRUST_STORE_PASSWORD = "trustStorePassword";
  static final String TOKEN = "token";

  private RemoteConnection() {
  }

  static Connection open(Properties given) throws SQLException {
    final String remote = given.getProperty(REMOTE).trim();
    final Properties avatica = new Properties();
    // after a server restart the server no longer knows the connection: Avatica opens it again
    // and repeats the request the server refused unseen (nothing of it ran)
    avatica.setProperty("transparent_reconnection", "true");
    final String user = given.getProperty("user");
    final String token = given.getProperty(TOKEN);
    if (token != null && !token.isBlank()) {
      // Avatica hands a transport of our own the password of BASIC: the token goes in that place
      avatica.setProperty("httpclient_impl", BearerTokenHttpClient.class.getName());
      avatica.setProperty("authentication", "BASIC");
      avatica.setProperty("avatica_user", "token");
      avatica.setProperty("avatica_password", token.trim());
    } else if (user != null && !user.isEmpty()) {
      avatica.setProperty("authentication", "BASIC");
      avatica.setProperty("avatica_user", user);
      avatica.setProperty("avatica_password", given.getProperty("password", ""));
    }
    final String trustStore = given.getProperty(TRUST_STORE);
    if (trustStore != null && !trustStore.isBlank()) {
      avatica.setProperty("truststore", trustStore.trim());
      avatica.setProperty("truststore_password", given.getProperty(TRUST_STORE_PASSWORD, ""));
    }
    final String url = "jdbc:avatica:remote:url=" + checked(remote) + ";serialization=PROTOBUF";
    try {
      return RemoteErrors.wrap(new org.apache.calcite.avatica.remote.Driver().connect(url, avatica),
          new RemoteCancel(remote, avatica));
    } catch (MalformedURLException e) {
      throw new InvalidInputException("property remote: '" + remote + "' is not a URL; write remote=https://host:port");
    } catch (RuntimeException e) {
      throw refusal(remote, e);
    }
  }

  /** Avatica's client reports an HTTP failure as a bare RuntimeException: say what it means. */
  private static SQLException refusal(String remote, RuntimeException e) {
    if (e instanceof AvaticaClientRuntimeException refused) {
      // the server's own refusal (headers over its limit, a path it does not serve): its one line
      final String state = refused.getSqlState();
      return new CredqlException(RemoteErrors.withoutPrefix(String.valueOf(refused.getMessage())),
          state == null ? "08001" : state);
    }
    final String message = String.valueOf(e.getMessage());
    if (message.contains("HTTP/401")) {
      return new CredqlException("the credql server at " + remote + " refused the login (HTTP 401):"
          + " check the user and password (or token) properties", "28000");
    }
    if (message.contains("HTTP/")) {
      return new CredqlException("the credql server at " + remote + " answered "
          + message.substring(message.indexOf("HTTP/")) + "; is it a credql serve server?", "08001");
    }
    return new ProviderUnreachableException("cannot reach the credql server at " + remote + ": "
        + (e.getCause() != null ? e.getCause().getMessage() : message), e);
  }

  /** {@code remote} if it is an https URL, or http on a loopback host (credentials never cross a network in clear). */
  private static String checked(String remote) throws InvalidInputException {
    final URI uri;
    try {
      uri = new URI(remote);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("property remote: '" + remote + "' is not a URL; write remote=https://host:port");
    }
    final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new InvalidInputException("property remote: '" + remote + "' is not an http(s) URL; write remote=https://host:port");
    }
    if (scheme.equals("http") && !LoopbackHost.isLoopback(uri.getHost())) {
      throw new InvalidInputException("property remote: http:// would send the password in clear to "
          + uri.getHost() + "; use https:// (plain http only reaches a server on this machine)");
    }
    if (remote.contains(";")) {
      throw new InvalidInputException("property remote: a URL with ';' is not accepted: " + remote);
    }
    return remote;
  }
}
