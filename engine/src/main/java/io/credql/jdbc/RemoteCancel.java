package io.credql.jdbc;

import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * Takes a remote statement's {@code cancel()} to the {@code credql serve} server. Avatica's
 * protocol has no cancel request and its client only raises its own flag, so credql's driver
 * sends the request Avatica has for ending a statement, {@code CloseStatementRequest}, on a
 * connection of its own while the statement runs; the server reads a close that arrives while the
 * statement runs as its cancel (its calls stop; the statement stays open until the program closes it).
 */
final class RemoteCancel {
  private final URL url;
  private final Properties avatica;
  private @Nullable Service service;

  RemoteCancel(String url, Properties avatica) throws MalformedURLException {
    this.url = new URL(requireNonNull(url, "url"));
    this.avatica = new Properties();
    this.avatica.putAll(avatica);
    this.avatica.setProperty("url", url);
    this.avatica.setProperty("serialization", "PROTOBUF");
  }

  /** Asks the server to cancel what {@code statement} (one of Avatica's) runs; another object is left alone. */
  void cancel(Object statement) {
    if (statement instanceof AvaticaStatement running) {
      service().apply(new Service.CloseStatementRequest(running.handle.connectionId, running.handle.id));
    }
  }

  private synchronized Service service() {
    if (service == null) {
      // the login, trust store and transport of the connection itself
      service = new RemoteProtobufService(AvaticaHttpClientFactoryImpl.getInstance()
          .getClient(url, new ConnectionConfigImpl(avatica), null), new ProtobufTranslationImpl());
    }
    return service;
  }
}
