package io.credql.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.SizeLimitHandler;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Jetty's limit on the size of a request body (HTTP 413, {@code --max-request-bytes}), which first
 * notes in which serialization an Avatica client reads the refusal: Jetty refuses a body whose
 * declared length is over the limit before any handler reads it, and its error page cannot.
 */
final class RequestSizeLimit extends SizeLimitHandler {
  private final long maxRequestBytes;

  RequestSizeLimit(long maxRequestBytes) {
    super(maxRequestBytes, -1);
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (baseRequest.getContentLengthLong() > maxRequestBytes) {
      AvaticaErrorAnswer.noteFormOfRefused(request);
    }
    super.handle(target, baseRequest, request, response);
  }
}
