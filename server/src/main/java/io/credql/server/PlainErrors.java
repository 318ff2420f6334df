package io.credql.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The errors Jetty answers itself (a request over the size limit, a request it cannot read) as one
 * line of plain text, without a stack trace, an HTML page or the detail of what was sent.
 */
final class PlainErrors extends ErrorHandler {
  private final long maxRequestBytes;

  PlainErrors(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, @Nullable String message) throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write((line(code) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The one line for {@code code}: what went wrong and what to do, never the request's content. */
  String line(int code) {
    if (code == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
      return "credql server: the request is larger than the " + maxRequestBytes
          + " bytes this server accepts (its --max-request-bytes); nothing was run";
    }
    return "credql server: HTTP " + code + (code < 500 ? ": the request cannot be read" : ": the server failed")
        + "; nothing was run";
  }
}
