package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.session.ProviderCatalog;
import io.credql.error.ProviderResponseException;
import io.credql.spi.BoundCall;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A response body is read once and never past its limit, whatever the provider sends. */
class ResponseBodyReaderTest {
  private static final MethodDefinition METHOD = ProviderCatalog.create(List.of(),
          List.of(Paths.get("src/test/resources/paging").toAbsolutePath()))
      .provider("pager").service("items").resource("by_cursor").method("list");
  private static final PreparedRequest REQUEST = new PreparedRequest(new BoundCall(METHOD, Map.of(), null),
      "GET", HttpUrl.get("http://127.0.0.1:1/v1/by-cursor"), Map.of(), null);

  private static Response response(int status, String contentType, byte[] body) {
    return new Response.Builder().request(new Request.Builder().url(REQUEST.url()).build())
        .protocol(Protocol.HTTP_1_1).code(status).message("M")
        .body(ResponseBody.create(body, MediaType.get(contentType)))
        .header("Content-Type", contentType).build();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test void aSuccessfulJsonBodyGivesItsRowsOneAtATime() throws Exception {
    final HttpExchange exchange = new ResponseBodyReader(1024)
        .read(REQUEST, response(200, "application/json", utf8("{\"items\":[{\"id\":1},{\"id\":2}]}")));
    final ResponseDecoder.Decoded decoded = ResponseDecoder.decode(exchange);
    assertEquals(2, decoded.rowCount());
    final java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> rows = decoded.rows().iterator();
    assertEquals(1, rows.next().path("id").asInt());
    assertEquals(2, rows.next().path("id").asInt());
    assertFalse(rows.hasNext());
    assertEquals(0, decoded.body().path("items").size(), "the outline keeps no rows");
  }

  @Test void anEmptyOrBlankSuccessfulBodyIsNoBody() throws Exception {
    assertNull(ResponseDecoder.decode(new ResponseBodyReader(1024)
        .read(REQUEST, response(200, "application/json", utf8(" \n ")))));
  }

  @Test void invalidJsonIsAnswerNotATransportFailure() throws IOException {
    final HttpExchange exchange = new ResponseBodyReader(1024)
        .read(REQUEST, response(200, "application/json", utf8("{\"items\": [{\"id\":1}, tru")));
    final ProviderResponseException e = assertThrows(ProviderResponseException.class,
        () -> ResponseDecoder.decode(exchange));
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
  }

  @Test void aBodyPastTheLimitIsAFinalErrorForJsonAndForOtherTypes() throws IOException {
    final byte[] big = utf8("{\"items\":[" + " ".repeat(4096) + "]}");
    final ProviderResponseException json = assertThrows(ProviderResponseException.class,
        () -> ResponseDecoder.decode(new ResponseBodyReader(1024).read(REQUEST, response(200, "application/json", big))));
    assertTrue(json.getMessage().contains("larger than 1024 bytes"), json.getMessage());
    final ProviderResponseException xml = assertThrows(ProviderResponseException.class,
        () -> ResponseDecoder.decode(new ResponseBodyReader(1024).read(REQUEST, response(200, "application/xml", big))));
    assertTrue(xml.getMessage().contains("larger than 1024 bytes"), xml.getMessage());
  }

  @Test void anOtherBodyIsKeptAsBytesForItsDecoder() throws IOException {
    final HttpExchange exchange = new ResponseBodyReader(1024)
        .read(REQUEST, response(200, "text/xml", utf8("<Marker>m2</Marker>")));
    assertEquals("<Marker>m2</Marker>", new String(exchange.body(), StandardCharsets.UTF_8));
  }

  @Test void anErrorBodyIsReadOnlyAsFarAsItsMessageNeeds() throws IOException {
    final byte[] huge = new byte[3 * 1024 * 1024];
    final HttpExchange exchange = new ResponseBodyReader(ResponseBodyReader.DEFAULT_LIMIT)
        .read(REQUEST, response(500, "text/html", huge));
    assertEquals(1024 * 1024, exchange.body().length);
    assertEquals(500, exchange.status());
  }
}
