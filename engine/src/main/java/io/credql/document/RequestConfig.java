package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's {@code request} block: how its body is encoded ({@code mediaType}, the XML
 * {@code xmlDeclaration} and {@code xmlRootAnnotation}), what it always holds ({@code base}),
 * what it holds when the statement gives nothing ({@code default}), which fields must be there
 * ({@code required}), which input names stand for other body keys ({@code projection_map}), and
 * the casing of the wire names ({@code nativeCasing}), and the Go template writing it
 * ({@code transform}); for an operation with {@code x-stackQL-graphQL}, the GraphQL query sent instead.
 */
public final class RequestConfig {
  static final RequestConfig DEFAULT = new RequestConfig(null, null, null, List.of(), Map.of(),
      null, null, null, Transform.NONE, null);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final @Nullable String mediaType;
  private final @Nullable JsonNode base;
  private final @Nullable JsonNode defaultBody;
  private final List<String> required;
  private final Map<String, String> projectionMap;
  private final @Nullable String xmlDeclaration;
  private final @Nullable String xmlRootAnnotation;
  private final @Nullable String nativeCasing;
  private final Transform transform;
  private final @Nullable GraphQlQuery graphQl;

  /**
   * The {@code transform} of a request block: a Go template that writes the body from the fields
   * the statement gave (StackQL's Cloudflare document has hundreds, which leave out unset and
   * false fields and put JSON given as text in place), or why it cannot be applied.
   */
  private record Transform(@Nullable GoTemplate template, @Nullable String problem) {
    static final Transform NONE = new Transform(null, null);

    static Transform read(JsonNode node) {
      final String type = ProviderDocument.text(node, "type");
      final String body = ProviderDocument.text(node, "body");
      if (type == null && body == null) {
        return NONE;
      }
      if (type == null || body == null || !type.startsWith("golang_template_json")
          && !type.startsWith("golang_template_text")) {
        return new Transform(null, "its request transform '" + type + "' is not supported by credql"
            + " (supported: golang_template_json_* and golang_template_text_* with a body)");
      }
      try {
        return new Transform(GoTemplate.parse(body), null);
      } catch (IllegalArgumentException e) {
        return new Transform(null, "its request transform '" + type + "' is not supported by credql ("
            + e.getMessage() + ")");
      }
    }
  }

  private RequestConfig(@Nullable String mediaType, @Nullable JsonNode base,
      @Nullable JsonNode defaultBody, List<String> required, Map<String, String> projectionMap,
      @Nullable String xmlDeclaration, @Nullable String xmlRootAnnotation,
      @Nullable String nativeCasing, Transform transform, @Nullable GraphQlQuery graphQl) {
    this.mediaType = mediaType;
    this.base = base;
    this.defaultBody = defaultBody;
    this.required = List.copyOf(required);
    this.projectionMap = Collections.unmodifiableMap(new LinkedHashMap<>(projectionMap));
    this.xmlDeclaration = xmlDeclaration;
    this.xmlRootAnnotation = xmlRootAnnotation;
    this.nativeCasing = nativeCasing;
    this.transform = transform;
    this.graphQl = graphQl;
  }

  /** Reads a {@code request} block; {@code body} JSON written as text is parsed. */
  static RequestConfig read(JsonNode node, ServiceDocument service, String pointer) {
    if (node == null || !node.isObject()) {
      return DEFAULT;
    }
    final List<String> required = new ArrayList<>();
    node.path("required").forEach(field -> required.add(field.asText()));
    final Map<String, String> projection = new LinkedHashMap<>();
    node.path("projection_map").fields().forEachRemaining(e -> projection.put(e.getKey(), e.getValue().asText()));
    return new RequestConfig(ProviderDocument.text(node, "mediaType"),
        json(node.get("base"), service, pointer + "/base"),
        json(node.get("default"), service, pointer + "/default"), required, projection,
        ProviderDocument.text(node, "xmlDeclaration"), ProviderDocument.text(node, "xmlRootAnnotation"),
        ProviderDocument.text(node, "nativeCasing"), Transform.read(node.path("transform")), null);
  }

  /** This block for an operation that sends {@code graphQl} as its body. */
  RequestConfig withGraphQl(GraphQlQuery query) {
    return new RequestConfig(mediaType, base, defaultBody, required, projectionMap, xmlDeclaration,
        xmlRootAnnotation, nativeCasing, transform, query);
  }

  /** The GraphQL query the operation sends ({@code x-stackQL-graphQL}), or null for a REST operation. */
  public @Nullable GraphQlQuery graphQl() {
    return graphQl;
  }

  private static @Nullable JsonNode json(@Nullable JsonNode value, ServiceDocument service, String pointer) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      return value;
    }
    try {
      return JSON.readTree(value.asText());
    } catch (IOException e) {
      // Jackson's message spans lines and quotes the source; the text itself says enough
      throw service.invalid(pointer, "expected JSON text, got " + value.asText() + ", which is not JSON");
    }
  }

  /** The declared media type of the body, or null (JSON). */
  public @Nullable String mediaType() {
    return mediaType;
  }

  /** Fields every body starts from, whatever the statement gives, or null. */
  public @Nullable JsonNode base() {
    return base;
  }

  /** The body sent when the statement gives none, or null. */
  public @Nullable JsonNode defaultBody() {
    return defaultBody;
  }

  /** Body fields that must be present, beyond what the schema requires. */
  public List<String> required() {
    return required;
  }

  /** Input name → the body key it is sent as. */
  public Map<String, String> projectionMap() {
    return projectionMap;
  }

  public @Nullable String xmlDeclaration() {
    return xmlDeclaration;
  }

  /** The opening tag of the XML root element, with its namespace, e.g. {@code <Root xmlns="...">}. */
  public @Nullable String xmlRootAnnotation() {
    return xmlRootAnnotation;
  }

  /**
   * {@code pascal}, {@code camel} or {@code kebab} when the wire's names are so spelled (AWS, Azure),
   * or null. StackQL's code uses it to let snake_case keys reach those names; credql needs no switch
   * for that, since every name answers to all its spellings ({@link SqlNames#answersTo}).
   */
  public @Nullable String nativeCasing() {
    return nativeCasing;
  }

  /** The Go template that writes the body from the given fields ({@code transform}), or null. */
  public @Nullable GoTemplate transformTemplate() {
    return transform.template();
  }

  /** Why the request {@code transform} cannot be applied, or null when there is none or it can. */
  public @Nullable String unsupportedTransform() {
    return transform.problem();
  }
}
