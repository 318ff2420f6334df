package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * A provider: StackQL's {@code provider.yaml}, naming its services and its default configuration
 * ({@code config.auth}, {@code config.pagination}). Service documents are read on first use.
 */
public final class ProviderDocument {
  /** A service as {@code provider.yaml} lists it, before its document is read. */
  public static final class ServiceEntry {
    private final String name;
    private final @Nullable String title;
    private final @Nullable String description;
    private final String ref;
    private final String pointer;
    private final JsonNode config;

    ServiceEntry(String name, @Nullable String title, @Nullable String description, String ref,
        String pointer, JsonNode config) {
      this.config = config;
      this.name = name;
      this.title = title;
      this.description = description;
      this.ref = ref;
      this.pointer = pointer;
    }

    public String name() {
      return name;
    }

    public @Nullable String title() {
      return title;
    }

    public @Nullable String description() {
      return description;
    }
  }

  private final String name;
  private final String version;
  private final DocumentSource source;
  private final String path;
  private final JsonNode config;
  private final Map<String, ServiceEntry> serviceEntries;
  private final Map<String, ServiceDocument> services = new ConcurrentHashMap<>();

  private ProviderDocument(String name, String version, DocumentSource source, String path,
      JsonNode config, Map<String, ServiceEntry> serviceEntries) {
    this.name = name;
    this.version = version;
    this.source = source;
    this.path = path;
    this.config = config;
    this.serviceEntries = serviceEntries;
  }

  /** Reads and checks {@code provider.yaml} at {@code path} (relative to the source's root). */
  public static ProviderDocument read(DocumentSource source, String path) {
    requireNonNull(source, "source");
    final JsonNode root = DocumentReader.read(source, path);
    final String file = source.describe(path);
    final String name = requiredText(root, "name", file);
    final String version = root.path("version").asText("v00.00.00000");
    final JsonNode services = root.get("providerServices");
    if (services == null || !services.isObject()) {
      throw new InvalidDocumentException(file, "/providerServices", "missing: expected a mapping of services");
    }
    final Map<String, ServiceEntry> entries = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = services.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String pointer = "/providerServices/" + SchemaNode.escape(field.getKey());
      final JsonNode entry = field.getValue();
      final JsonNode ref = entry.path("service").get("$ref");
      if (ref == null || !ref.isTextual()) {
        throw new InvalidDocumentException(file, pointer + "/service/$ref",
            "missing: expected the path of the service document");
      }
      final String serviceName = entry.path("name").asText(field.getKey());
      entries.put(serviceName, new ServiceEntry(serviceName, text(entry, "title"),
          text(entry, "description"), ref.asText(), pointer + "/service/$ref",
          configOf(entry)));
    }
    return new ProviderDocument(name, version, source, path, configOf(root), Collections.unmodifiableMap(entries));
  }

  /**
   * The configuration {@code owner} declares: its {@code config}, over its {@code x-stackQL-config}
   * (the spelling StackQL's any-sdk reads for the retry policy at every level), key by key; a
   * missing node when it declares neither.
   */
  static JsonNode configOf(JsonNode owner) {
    final ObjectNode config = JsonNodeFactory.instance.objectNode();
    for (String key : new String[] {"x-stackQL-config", "config"}) {
      if (owner.path(key).isObject()) {
        config.setAll((ObjectNode) owner.path(key));
      }
    }
    return config.isEmpty() ? MissingNode.getInstance() : config;
  }

  private static String requiredText(JsonNode node, String field, String file) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new InvalidDocumentException(file, "/" + field, "missing: expected a string");
    }
    return value.asText();
  }

  static @Nullable String text(JsonNode node, String field) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  /** The document's file, as messages name it. */
  public String file() {
    return source.describe(path);
  }

  /** {@code config} of {@code provider.yaml}: {@code auth}, {@code pagination}, ... */
  public JsonNode config() {
    return config;
  }

  /** Services as listed, without reading their documents. */
  public Map<String, ServiceEntry> serviceEntries() {
    return serviceEntries;
  }

  /** The service called {@code name} (ignoring case), its document read on first use; null if none. */
  public @Nullable ServiceDocument service(String name) {
    ServiceEntry entry = serviceEntries.get(name);
    if (entry == null) {
      for (ServiceEntry candidate : serviceEntries.values()) {
        if (candidate.name.equalsIgnoreCase(name)) {
          entry = candidate;
        }
      }
    }
    if (entry == null) {
      return null;
    }
    final ServiceEntry found = entry;
    return services.computeIfAbsent(found.name, n -> load(found));
  }

  private ServiceDocument load(ServiceEntry entry) {
    final String relative = entry.ref;
    final JsonNode root = DocumentReader.readIfPresent(source, relative);
    if (root == null) {
      throw new InvalidDocumentException(file(), entry.pointer, "service document '" + relative
          + "' not found (looked for " + source.describe(relative) + ")");
    }
    final JsonNode info = root.path("info");
    return new ServiceDocument(this, entry.name,
        entry.title != null ? entry.title : text(info, "title"),
        entry.description != null ? entry.description : text(info, "description"),
        source, relative, root, entry.config);
  }

  @Override public String toString() {
    return name;
  }
}
