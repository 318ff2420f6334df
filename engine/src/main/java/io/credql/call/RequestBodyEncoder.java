package io.credql.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.GoTemplate;
import io.credql.document.MethodDefinition;
import io.credql.document.RequestConfig;
import io.credql.document.SchemaNode;
import io.credql.error.InvalidInputException;
import okhttp3.FormBody;
import okio.Buffer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a request body in the media type of the method's {@code request} block: JSON (also AWS's
 * {@code application/x-amz-json-1.0/1.1}), {@code application/x-www-form-urlencoded} (AWS's query
 * protocol: nested values flattened as {@code Name.member.1=...}), or XML (elements named after the
 * fields, inside {@code xmlRootAnnotation}, after {@code xmlDeclaration}).
 */
final class RequestBodyEncoder {
  static final String FORM = "application/x-www-form-urlencoded";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Encoded bytes and the {@code Content-Type} to send them with. */
  record Encoded(byte[] bytes, String contentType) {
  }

  private RequestBodyEncoder() {
  }

  static Encoded encode(MethodDefinition method, JsonNode body) throws InvalidInputException {
    final RequestConfig request = method.request();
    final String type = request.mediaType() == null ? "application/json" : request.mediaType();
    final String lower = type.toLowerCase(Locale.ROOT);
    final GoTemplate template = request.transformTemplate();
    if (template != null) {
      return new Encoded(templated(method, template, body, lower), type);
    }
    if (lower.startsWith(FORM)) {
      return new Encoded(form(body, method.requestBody()), FORM + "; charset=utf-8");
    }
    if (lower.contains("xml")) {
      return new Encoded(xml(method, body).getBytes(StandardCharsets.UTF_8), type);
    }
    if (!lower.contains("json")) {
      // octet-stream, multipart/form-data, zip, images, text: writing the fields as JSON under
      // that Content-Type would send the provider something it did not ask for
      throw new InvalidInputException(method.id() + " sends its body as " + type + ", which credql"
          + " does not write (it writes JSON, form-urlencoded and XML bodies); nothing was sent");
    }
    try {
      return new Encoded(JSON.writeValueAsBytes(body), type);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote a value
      throw new InvalidInputException("cannot write the request body of " + method.id() + " as JSON");
    }
  }

  /**
   * The body the request's Go template writes from {@code body}'s fields, sent as written (as
   * any-sdk sends it); for a JSON media type it must be JSON, so that a value that breaks the
   * template's JSON (text where the template puts it in place) is an error, not a broken request.
   */
  private static byte[] templated(MethodDefinition method, GoTemplate template, JsonNode body, String type)
      throws InvalidInputException {
    final String written;
    try {
      written = template.execute(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("the request template of " + method.id()
          + " cannot be applied to the values given: " + e.getMessage() + "; nothing was sent");
    }
    if (type.contains("json")) {
      try {
        JSON.readTree(written);
      } catch (JsonProcessingException e) {
        // Jackson's own message quotes the token it stopped at, which may be a secret value
        throw new InvalidInputException("the request template of " + method.id() + " wrote a body"
            + " that is not JSON: a field given as text must hold"
            + " JSON where the template puts it in place; nothing was sent");
      }
    }
    return written.getBytes(StandardCharsets.UTF_8);
  }

  /** Fields as form pairs, nested values flattened the AWS query way. */
  static byte[] form(JsonNode body, @Nullable SchemaNode schema) {
    final FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
    final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final SchemaNode property = schema == null ? null : schema.properties().get(field.getKey());
      flatten(field.getKey(), field.getValue(), property, form);
    }
    final Buffer buffer = new Buffer();
    try {
      form.build().writeTo(buffer);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return buffer.readByteArray();
  }

  /**
   * AWS's query serialisation: {@code Name=value}; a list as {@code Name.<member>.1=...} where the
   * member is the items' {@code xml.name} (default {@code member}); an object as
   * {@code Name.Field=...}. Nulls are left out.
   */
  static void flatten(String name, JsonNode value, @Nullable SchemaNode schema, FormBody.Builder form) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (value.isArray()) {
      final SchemaNode items = schema == null ? null : schema.items();
      final String member = items != null && items.xmlName() != null ? items.xmlName() : "member";
      for (int i = 0; i < value.size(); i++) {
        flatten(name + "." + member + "." + (i + 1), value.get(i), items, form);
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(field -> flatten(name + "." + field.getKey(), field.getValue(),
          schema == null ? null : schema.properties().get(field.getKey()), form));
    } else {
      form.add(name, value.asText());
    }
  }

  private static String xml(MethodDefinition method, JsonNode body) {
    final RequestConfig request = method.request();
    final StringBuilder xml = new StringBuilder();
    if (request.xmlDeclaration() != null) {
      xml.append(request.xmlDeclaration());
    }
    final String annotation = request.xmlRootAnnotation();
    final SchemaNode schema = method.requestBody();
    final String root = annotation != null ? annotation.replaceAll("^<\\s*([^\\s>/]+).*$", "$1")
        : schema != null && schema.xmlName() != null ? schema.xmlName() : "Request";
    xml.append(annotation != null ? annotation : "<" + root + ">");
    body.fields().forEachRemaining(field -> element(field.getKey(), field.getValue(), xml));
    return xml.append("</").append(root).append('>').toString();
  }

  private static void element(String name, JsonNode value, StringBuilder xml) {
    if (value.isNull()) {
      return;
    }
    if (value.isArray()) {
      value.forEach(item -> element(name, item, xml));
      return;
    }
    xml.append('<').append(name).append('>');
    if (value.isObject()) {
      value.fields().forEachRemaining(field -> element(field.getKey(), field.getValue(), xml));
    } else {
      xml.append(escape(value.asText()));
    }
    xml.append("</").append(name).append('>');
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
  }
}
