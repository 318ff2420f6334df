package io.credql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

/**
 * One line of the server's own refusal in the form Avatica's client reads: HTTP 500 holding a
 * protobuf {@code ErrorResponse}. Avatica's client (1.27) reads the body of a 200 or a 500 only and
 * reports any other status as {@code Failed to execute HTTP Request, got HTTP/413}, so a refusal
 * sent with its own status would reach the user without its reason.
 */
final class AvaticaErrorAnswer {
  /** The HTTP status Avatica's client reads an error from. */
  static final int STATUS = 500;
  static final String CONTENT_TYPE = "application/octet-stream";
  private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

  private AvaticaErrorAnswer() {
  }

  /** Whether {@code request} comes from an Avatica client (which posts its requests as octet streams). */
  static boolean isFromAvaticaClient(HttpServletRequest request) {
    final String type = request.getContentType();
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE);
  }

  /** The body of an answer refusing a request with {@code line}; {@code status} is the HTTP status it stands for. */
  static byte[] body(String line, int status) {
    final Service.ErrorResponse error = new Service.ErrorResponse(List.of(), line, status,
        status == 413 || status == 431 ? "54000" : "08P01", AvaticaSeverity.ERROR, null);
    try {
      return PROTOBUF.serializeResponse(error);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an Avatica error response", e);
    }
  }
}
