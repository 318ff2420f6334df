package io.credql.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The errors Jetty answers itself (a request over the size limit, headers over theirs, a request it
 * cannot read, a path nothing serves) as one line, without a stack trace, an HTML page or the
 * detail of what was sent: to an Avatica client in the form it reads ({@link AvaticaErrorAnswer},
 * protobuf or JSON as its serialization), to anything else as plain text with the error's own status.
 */
final class PlainErrors extends ErrorHandler {
  private final long maxRequestBytes;
  private final int maxHeaderBytes;

  PlainErrors(long maxRequestBytes, int maxHeaderBytes) {
    this.maxRequestBytes = maxRequestBytes;
    this.maxHeaderBytes = maxHeaderBytes;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, @Nullable String message) throws IOException {
    baseRequest.setHandled(true);
    // a login's challenge (401) keeps its status: the client answers it with the credentials
    final AvaticaErrorAnswer answer = code == HttpServletResponse.SC_UNAUTHORIZED ? null
        : AvaticaErrorAnswer.readBy(request);
    if (answer != null) {
      answer.send(response, line(code), code);
      return;
    }
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write((line(code) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A request Jetty could not read, answered before any handler: {@link AvaticaBadMessages} turned
   * it into a 500 whose reason is the line, which goes in Avatica's protobuf form, that of both
   * credql's driver and the thin driver set as this server asks: nothing of the request, not even
   * its body's first byte, is known to choose another.
   */
  @Override public ByteBuffer badMessageError(int status, @Nullable String reason, HttpFields fields) {
    fields.put(HttpHeader.CONTENT_TYPE, AvaticaErrorAnswer.PROTOBUF.contentType());
    final String line = status == AvaticaErrorAnswer.STATUS && reason != null ? reason : line(status);
    return ByteBuffer.wrap(AvaticaErrorAnswer.PROTOBUF.body(line, status));
  }

  /** The one line for {@code code}: what went wrong and what to do, never the request's content. */
  String line(int code) {
    switch (code) {
    case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE:
      return "credql server: the request is larger than the " + maxRequestBytes
          + " bytes this server accepts (its --max-request-bytes); nothing was run";
    case 431:
      return "credql server: the request's headers are larger than the " + maxHeaderBytes
          + " bytes this server reads (HTTP 431); nothing was run. A very long user name, password or token,"
          + " or headers a proxy adds, make them so";
    case HttpServletResponse.SC_NOT_FOUND:
      return "credql server: nothing is served at this path (HTTP 404); connect to the server's root,"
          + " as in jdbc:credql:remote=https://host:port";
    default:
      return "credql server: HTTP " + code + (code < 500 ? ": the request cannot be read" : ": the server failed")
          + "; nothing was run";
    }
  }
}
