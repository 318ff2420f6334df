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
 * Go-template transforms ({@code golang_template_*}) whose body is one of the forms
 * {@link TransformTemplate} recognises. credql does not run Go's template language: a method with
 * any other template is refused with an error naming its type, before anything is sent.
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

  ResponseConfig(JsonNode node, @Nullable String protocol) {
    this.template = TransformTemplate.recognise(ProviderDocument.text(node.path("transform"), "body"));
    this.mediaType = ProviderDocument.text(node, "mediaType");
    this.overrideMediaType = ProviderDocument.text(node, "overrideMediaType");
    this.transform = ProviderDocument.text(node.path("transform"), "type");
    this.protocol = protocol;
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
    if (transform == null || SUPPORTED_TRANSFORMS.contains(transform) || template != null) {
      return null;
    }
    return "its response transform '" + transform + "' is not supported by credql (supported: "
        + String.join(", ", SUPPORTED_TRANSFORMS) + ", and Go templates that wrap the body, a field of"
        + " it or each element of a field under a key, or lift Azure's properties; other Go templates"
        + " are not run)";
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
