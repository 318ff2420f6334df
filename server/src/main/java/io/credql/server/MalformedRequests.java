package io.credql.server;

import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

/**
 * Answers a request whose body is not one of Avatica's protobuf requests (one in Avatica's JSON
 * serialization among them) with one line saying what the server expects (HTTP 400, or Avatica's
 * error answer in the client's serialization to an Avatica client), before Avatica sees it: Avatica
 * would answer HTTP 500 with its stack trace. A path other than the root is not found. A
 * well-formed request goes on to Avatica with the body already read.
 */
final class MalformedRequests extends HandlerWrapper {
  static final String MESSAGE = "credql server: the request is not an Avatica protobuf request; connect with"
      + " credql's driver (jdbc:credql:remote=...) or Avatica's thin driver with serialization=PROTOBUF";
  /** What Avatica's thin driver left on its default serialization, JSON, is told (a JSON body starts with '{'). */
  static final String JSON_MESSAGE = "credql server: the request is in Avatica's JSON serialization, and this server"
      + " speaks its protobuf serialization only; add serialization=PROTOBUF to the thin driver's URL, or connect"
      + " with credql's driver (jdbc:credql:remote=...)";
  private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!target.equals("/")) {
      // Avatica's clients post to the URL they are given: a path below it is a mistyped URL
      baseRequest.setHandled(true);
      AvaticaErrorAnswer.noteFormOfRefused(request);
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      // Avatica answers anything else with its own one-line 400
      super.handle(target, baseRequest, request, response);
      return;
    }
    final byte[] body;
    try (InputStream in = request.getInputStream()) {
      // the size limit around this handler stops a body larger than --max-request-bytes
      body = in.readAllBytes();
    }
    try {
      PROTOBUF.parseRequest(body);
    } catch (IOException | RuntimeException e) {
      baseRequest.setHandled(true);
      final int firstByte = body.length == 0 ? -1 : body[0];
      final String line = firstByte == '{' ? JSON_MESSAGE : MESSAGE;
      final AvaticaErrorAnswer answer = AvaticaErrorAnswer.readBy(request, firstByte);
      if (answer != null) {
        answer.send(response, line, HttpServletResponse.SC_BAD_REQUEST);
        return;
      }
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain;charset=utf-8");
      response.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    super.handle(target, baseRequest, new ReadBody(request, body), response);
  }

  /** The request with the body this handler has read, for Avatica to read again. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override public ServletInputStream getInputStream() {
      final ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() {
          return in.read();
        }

        @Override public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override public boolean isFinished() {
          return in.available() == 0;
        }

        @Override public boolean isReady() {
          return true;
        }

        @Override public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already read");
        }
      };
    }
  }
}
