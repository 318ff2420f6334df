package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.RequestConfig;
import io.credql.document.SchemaNode;
import io.credql.error.InvalidInputException;
import io.credql.schema.JsonSqlTypes;
import io.credql.spi.BoundCall;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a call, put together as the method's {@code request} block says: its {@code base}
 * fields, then the statement's body (or the block's {@code default} when the statement gives
 * none), then body fields bound like parameters (a SELECT over a POST method takes
 * {@code WHERE SecretId = ...}), renamed by {@code projection_map}, and checked against
 * {@code required} before anything is sent.
 */
final class RequestBodies {
  private RequestBodies() {
  }

  static @Nullable ObjectNode assemble(BoundCall call) throws InvalidInputException {
    final MethodDefinition method = call.method();
    final RequestConfig request = method.request();
    ObjectNode body = call.body() == null ? null : call.body().deepCopy();
    for (ParameterDefinition field : method.bodyFields()) {
      final Object value = call.inputs().get(field.name());
      if (value != null) {
        if (body == null) {
          body = JsonNodeFactory.instance.objectNode();
        }
        body.set(method.bodyFieldName(field.name()), json(value, field));
      }
    }
    if (body != null && MethodDefinition.NAIVE_DESIRED_STATE.equals(method.requestBodyTranslate())) {
      final ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      wrapped.put(MethodDefinition.DESIRED_STATE, body.toString());
      body = wrapped;
    }
    if (body == null && request.defaultBody() instanceof ObjectNode) {
      body = ((ObjectNode) request.defaultBody()).deepCopy();
    }
    if (request.base() instanceof ObjectNode) {
      final ObjectNode merged = ((ObjectNode) request.base()).deepCopy();
      if (body != null) {
        merged.setAll(body);
      }
      body = merged;
    }
    if (body == null && method.isRequestBodyRequired() && method.isMutation()) {
      final SchemaNode schema = method.requestBody();
      if (schema != null && !"object".equals(schema.type())) {
        // an upload (Microsoft Graph's logos, Netlify's deploy files): the body is the file itself
        throw new InvalidInputException(method.id() + " takes its whole request body as one " + schema.type()
            + " (a file upload), which credql cannot send: it sends JSON objects built from the statement's"
            + " fields; nothing was sent");
      }
      body = JsonNodeFactory.instance.objectNode();
    }
    if (body == null) {
      return null;
    }
    for (Map.Entry<String, String> projection : request.projectionMap().entrySet()) {
      final JsonNode value = body.remove(projection.getKey());
      if (value != null) {
        body.set(projection.getValue(), value);
      }
    }
    final List<String> missing = new ArrayList<>();
    for (String field : request.required()) {
      if (!body.hasNonNull(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(method.id() + " needs body field" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " (give them as @name = value or inside @@json); nothing was sent");
    }
    return body;
  }

  private static JsonNode json(Object value, ParameterDefinition field) {
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    final JsonNodeFactory nodes = JsonNodeFactory.instance;
    final String text = JsonSqlTypes.text(value);
    if (field.schema() != null && field.schema().isStringOnly()) {
      return nodes.textNode(text);
    }
    try {
      switch (field.type()) {
      case "integer":
        return nodes.numberNode(new java.math.BigDecimal(text.trim()).toBigIntegerExact());
      case "number":
        return nodes.numberNode(new java.math.BigDecimal(text.trim()));
      case "boolean":
        return nodes.booleanNode(Boolean.parseBoolean(text.trim()));
      case "array":
      case "object":
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
      default:
        return nodes.textNode(text);
      }
    } catch (NumberFormatException | ArithmeticException | java.io.IOException e) {
      return nodes.textNode(text);
    }
  }
}
