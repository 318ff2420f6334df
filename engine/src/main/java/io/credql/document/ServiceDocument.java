package io.credql.document;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * One service of a provider: an OpenAPI 3 document whose {@code components.x-stackQL-resources}
 * declares the resources. Resources are read on first use.
 */
public final class ServiceDocument {
  private final ProviderDocument provider;
  private final String name;
  private final @Nullable String title;
  private final @Nullable String description;
  private final DocumentSource source;
  private final String path;
  private final JsonNode root;
  private final JsonNode entryConfig;
  private final Map<String, JsonNode> externalDocuments = new ConcurrentHashMap<>();
  private volatile @Nullable Map<String, ResourceDefinition> resources;

  ServiceDocument(ProviderDocument provider, String name, @Nullable String title,
      @Nullable String description, DocumentSource source, String path, JsonNode root,
      JsonNode entryConfig) {
    this.entryConfig = requireNonNull(entryConfig, "entryConfig");
    this.provider = requireNonNull(provider, "provider");
    this.name = requireNonNull(name, "name");
    this.title = title;
    this.description = description;
    this.source = requireNonNull(source, "source");
    this.path = requireNonNull(path, "path");
    this.root = requireNonNull(root, "root");
  }

  public ProviderDocument provider() {
    return provider;
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

  /** The document's file, as messages name it. */
  public String file() {
    return source.describe(path);
  }

  /** The {@code config} of this service's entry in {@code provider.yaml} (the providerService level). */
  JsonNode entryConfig() {
    return entryConfig;
  }

  JsonNode root() {
    return root;
  }

  /** Resources by name, in document order. */
  public Map<String, ResourceDefinition> resources() {
    Map<String, ResourceDefinition> result = resources;
    if (result == null) {
      synchronized (this) {
        result = resources;
        if (result == null) {
          result = Collections.unmodifiableMap(new LinkedHashMap<>(new ResourceReader(this).read()));
          resources = result;
        }
      }
    }
    return result;
  }

  /** The resource called {@code name} (exact case first, then ignoring case), or null. */
  public @Nullable ResourceDefinition resource(String name) {
    final Map<String, ResourceDefinition> all = resources();
    final ResourceDefinition exact = all.get(name);
    if (exact != null) {
      return exact;
    }
    for (ResourceDefinition resource : all.values()) {
      if (resource.name().equalsIgnoreCase(name)) {
        return resource;
      }
    }
    return null;
  }

  InvalidDocumentException invalid(String pointer, String problem) {
    return new InvalidDocumentException(file(), pointer, problem);
  }

  /**
   * Follows a {@code $ref}: {@code #/json/pointer} inside this document, or
   * {@code other.yaml#/pointer} relative to it.
   */
  JsonNode resolveRef(String ref, String pointer) {
    final int hash = ref.indexOf('#');
    final JsonNode target;
    final String fragment;
    if (hash == 0) {
      target = root;
      fragment = ref.substring(1);
    } else {
      final String file = hash < 0 ? ref : ref.substring(0, hash);
      fragment = hash < 0 ? "" : ref.substring(hash + 1);
      final String relative = siblingPath(file);
      target = externalDocuments.computeIfAbsent(relative,
          p -> DocumentReader.read(source, p));
    }
    final JsonNode node;
    try {
      node = fragment.isEmpty() ? target : target.at(JsonPointer.compile(fragment));
    } catch (IllegalArgumentException e) {
      throw invalid(pointer, "malformed $ref '" + ref + "': " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw invalid(pointer, "$ref '" + ref + "' points to nothing");
    }
    return node;
  }

  private String siblingPath(String file) {
    final int slash = path.lastIndexOf('/');
    return slash < 0 ? file : path.substring(0, slash + 1) + file;
  }

  @Override public String toString() {
    return provider.name() + "." + name;
  }
}
