package io.credql.server;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

import static java.util.Objects.requireNonNull;

/**
 * HTTP/1.1 connections whose requests Jetty cannot read (headers over the size limit: 431; a
 * request line it cannot parse: 400) are refused as Avatica's client reads a refusal: HTTP 500
 * carrying one line ({@link PlainErrors#badMessageError}). Jetty answers these before any handler
 * runs, with its own status and an HTML page, which Avatica's client reports as {@code got HTTP/431}.
 */
final class AvaticaBadMessages extends HttpConnectionFactory {
  private final PlainErrors errors;

  AvaticaBadMessages(HttpConfiguration configuration, PlainErrors errors) {
    super(configuration);
    this.errors = requireNonNull(errors, "errors");
  }

  @Override public Connection newConnection(Connector connector, EndPoint endPoint) {
    final HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint,
        getHttpCompliance(), isRecordHttpComplianceViolations()) {
      @Override protected HttpChannelOverHttp newHttpChannel() {
        return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
          @Override public void onBadMessage(BadMessageException failure) {
            // the reason is not sent in the status line (Jetty 9.4 sends none): it reaches badMessageError only
            super.onBadMessage(new BadMessageException(AvaticaErrorAnswer.STATUS,
                errors.line(failure.getCode()), failure));
          }
        };
      }
    };
    return configure(connection, connector, endPoint);
  }
}
