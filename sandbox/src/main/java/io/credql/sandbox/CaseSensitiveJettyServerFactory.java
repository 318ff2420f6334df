package io.credql.sandbox;

import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import wiremock.org.eclipse.jetty.io.NetworkTrafficListener;
import wiremock.org.eclipse.jetty.server.ConnectionFactory;
import wiremock.org.eclipse.jetty.server.HttpConnectionFactory;
import wiremock.org.eclipse.jetty.server.ServerConnector;

/**
 * Builds WireMock's Jetty server with a header cache that respects the case of header values.
 * Jetty's default cache ignores it, so on a reused connection {@code Authorization: Bearer abc}
 * could be read as an earlier {@code Bearer ABC}: a wrong token would pass, or the right one fail.
 */
final class CaseSensitiveJettyServerFactory implements HttpServerFactory {
  @Override public String getName() {
    return "credql-case-sensitive-jetty";
  }

  @Override public HttpServer buildHttpServer(Options options, AdminRequestHandler adminRequestHandler,
      StubRequestHandler stubRequestHandler) {
    return new Jetty11HttpServer(options, adminRequestHandler, stubRequestHandler) {
      @Override protected ServerConnector createHttpConnector(String bindAddress, int port,
          JettySettings jettySettings, NetworkTrafficListener listener) {
        final ServerConnector connector = super.createHttpConnector(bindAddress, port, jettySettings, listener);
        for (ConnectionFactory factory : connector.getConnectionFactories()) {
          if (factory instanceof HttpConnectionFactory) {
            ((HttpConnectionFactory) factory).getHttpConfiguration().setHeaderCacheCaseSensitive(true);
          }
        }
        return connector;
      }
    };
  }
}
