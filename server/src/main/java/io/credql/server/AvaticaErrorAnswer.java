package io.credql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One line of the server's own refusal in the form Avatica's client reads: HTTP 500 holding an
 * {@code ErrorResponse} in the client's serialization, protobuf or JSON. Avatica's client (1.27)
 * reads the body of a 200 or a 500 only and reports any other status as {@code Failed to execute
 * HTTP Request, got HTTP/413}, so a refusal sent with its own status would reach the user without
 * its reason; and it decodes that body in its own serialization only.
 */
enum AvaticaErrorAnswer {
  /** The form of credql's driver and of Avatica's thin driver with {@code serialization=PROTOBUF}. */
  PROTOBUF("application/octet-stream") {
    @Override byte[] encode(Service.ErrorResponse error) throws IOException {
      return TRANSLATION.serializeResponse(error);
    }
  },
  /** The form of Avatica's thin driver left on its default, {@code serialization=JSON}. */
  JSON("application/json;charset=utf-8") {
    @Override byte[] encode(Service.ErrorResponse error) throws IOException {
      // Avatica's own mapper, so that the client reads the {"response":"error",...} it writes
      return JsonService.MAPPER.writeValueAsBytes(error);
    }
  };

  /** The HTTP status Avatica's client reads an error from. */
  static final int STATUS = 500;
  /** What Avatica's client posts in either serialization (AvaticaCommonsHttpClientImpl). */
  private static final String CLIENT_CONTENT_TYPE = "application/octet-stream";
  private static final ProtobufTranslation TRANSLATION = new ProtobufTranslationImpl();
  /** The request attribute holding the form noted by {@link #noteFormOfRefused}. */
  private static final String NOTED = AvaticaErrorAnswer.class.getName();

  private final String contentType;

  AvaticaErrorAnswer(String contentType) {
    this.contentType = contentType;
  }

  /**
   * The form the sender of {@code request} reads, or null for a sender that is not Avatica's
   * client. Both serializations post octet streams; a JSON request is an object, so its body starts
   * with {@code '{'}, while a protobuf one starts with its message's name (field 1, byte 0x0A).
   */
  static @Nullable AvaticaErrorAnswer readBy(HttpServletRequest request, int firstByteOfBody) {
    if (!isFromAvaticaClient(request)) {
      return null;
    }
    return firstByteOfBody == '{' ? JSON : PROTOBUF;
  }

  /**
   * The form noted for {@code request} by {@link #noteFormOfRefused}, else the one of an Avatica
   * client whose body is not known (protobuf), or null for a sender that is not Avatica's client.
   */
  static @Nullable AvaticaErrorAnswer readBy(HttpServletRequest request) {
    final Object noted = request.getAttribute(NOTED);
    return noted instanceof AvaticaErrorAnswer ? (AvaticaErrorAnswer) noted : readBy(request, -1);
  }

  /**
   * Notes the form in which the sender of a request about to be refused, whose body no handler
   * reads, reads the refusal: only the first byte of the body is read. Jetty's error page, which
   * writes the refusal, can no longer read the body.
   */
  static void noteFormOfRefused(HttpServletRequest request) throws IOException {
    if (isFromAvaticaClient(request)) {
      request.setAttribute(NOTED, readBy(request, request.getInputStream().read()));
    }
  }

  private static boolean isFromAvaticaClient(HttpServletRequest request) {
    final String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(CLIENT_CONTENT_TYPE);
  }

  /** Answers with {@code line}; {@code status} is the HTTP status it stands for. */
  void send(HttpServletResponse response, String line, int status) throws IOException {
    response.setStatus(STATUS);
    response.setContentType(contentType);
    response.getOutputStream().write(body(line, status));
  }

  String contentType() {
    return contentType;
  }

  /** The body of an answer refusing a request with {@code line}; {@code status} is the HTTP status it stands for. */
  byte[] body(String line, int status) {
    final Service.ErrorResponse error = new Service.ErrorResponse(List.of(), line, status,
        status == 413 || status == 431 ? "54000" : "08P01", AvaticaSeverity.ERROR, null);
    try {
      return encode(error);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an Avatica error response", e);
    }
  }

  abstract byte[] encode(Service.ErrorResponse error) throws IOException;
}
