package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Set;

/**
 * A method's {@code response} block as far as reading a body goes: the media type the document
 * expects ({@code mediaType}) and the one to parse as instead ({@code overrideMediaType}), and the
 * {@code transform} that reshapes the body before {@code objectKey} selects rows.
 *
 * <p>Supported transforms: {@code schema_driven_xml_v0.1.0}, which StackQL's any-sdk implements
 * as a walk of the XML guided by {@code schema_override} (its docs only mention the Go-template
 * transforms; we follow its code, {@code pkg/stream_transform/schema_driven_xml.go}); and the
 * Go-template transforms ({@code golang_template_json_*} over the decoded JSON body,
 * {@code golang_template_text_*} over its text): the forms {@link TransformTemplate} recognises are
 * applied directly, any other template is run by {@link GoTemplate} when it keeps to the subset that
 * class names. A template outside it, or one over XML ({@code golang_template_mxj_*}), is refused
 * with an error naming its type and what was not understood, before anything is sent.
 */
public final class ResponseConfig {
  /** The transform walking an XML body into {@code {"<objectKey list>": [rows]}} by the schema. */
  public static final String SCHEMA_DRIVEN_XML = "schema_driven_xml_v0.1.0";
  private static final Set<String> SUPPORTED_TRANSFORMS = Set.of(SCHEMA_DRIVEN_XML);

  private final @Nullable String mediaType;
  private final @Nullable String overrideMediaType;
  private final @Nullable String transform;
  private final @Nullable String protocol;
  private final @Nullable TransformTemplate template;
  private final @Nullable GoTemplate goTemplate;
  private final @Nullable String goTemplateProblem;

  ResponseConfig(JsonNode node, @Nullable String protocol) {
    final String body = ProviderDocument.text(node.path("transform"), "body");
    this.template = TransformTemplate.recognise(body);
    this.mediaType = ProviderDocument.text(node, "mediaType");
    this.overrideMediaType = ProviderDocument.text(node, "overrideMediaType");
    this.transform = ProviderDocument.text(node.path("transform"), "type");
    this.protocol = protocol;
    GoTemplate parsed = null;
    String problem = null;
    if (template == null && body != null && transform != null && transform.startsWith("golang_template_")) {
      if (transform.startsWith("golang_template_mxj")) {
        problem = "it reads XML through Go's mxj maps, which credql does not model";
      } else {
        try {
          parsed = GoTemplate.parse(body);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
    }
    this.goTemplate = parsed;
    this.goTemplateProblem = problem;
  }

  /** The media type the document says the response has, or null. */
  public @Nullable String mediaType() {
    return mediaType;
  }

  /** The media type to parse the response as, whatever it says it is, or null. */
  public @Nullable String overrideMediaType() {
    return overrideMediaType;
  }

  /** The {@code transform.type}, or null. */
  public @Nullable String transform() {
    return transform;
  }

  /** Whether the body is an XML document walked by {@link #SCHEMA_DRIVEN_XML}. */
  public boolean isSchemaDrivenXml() {
    return SCHEMA_DRIVEN_XML.equals(transform);
  }

  /** Why the transform cannot be applied, or null when there is none or it is supported. */
  public @Nullable String unsupportedTransform() {
    if (transform == null || SUPPORTED_TRANSFORMS.contains(transform) || template != null || goTemplate != null) {
      return null;
    }
    return "its response transform '" + transform + "' is not supported by credql"
        + (goTemplateProblem == null ? "" : " (" + goTemplateProblem + ")") + " (supported: "
        + String.join(", ", SUPPORTED_TRANSFORMS) + ", and Go templates over JSON or text using if, range,"
        + " with, variables and the functions and, or, not, len, index, printf, print, eq, ne, lt, le, gt,"
        + " ge, call, toJson, kindOf, jsonMapFromString and separator)";
  }

  /** A Go template outside the recognised forms that {@link GoTemplate} runs, or null. */
  public @Nullable GoTemplate goTemplate() {
    return goTemplate;
  }

  /** The recognised Go-template transform, or null. */
  public @Nullable TransformTemplate template() {
    return template;
  }

  /** The API's wire protocol from {@code info.x-protocol} ({@code query}, {@code ec2}, {@code rest-xml}, ...), or null. */
  public @Nullable String protocol() {
    return protocol;
  }

  /** Whether the document says the response is XML. */
  public boolean expectsXml() {
    return mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).contains("xml");
  }
}
