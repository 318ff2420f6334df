package io.credql.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.credql.document.DocumentSource;
import io.credql.document.ProviderDocument;
import io.credql.spi.ProviderBundle;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The providers a connection can query: those bundled in adapter jars, replaced or joined by those
 * found in {@code providers=} directories. Finding a provider reads no document; a provider's
 * {@code provider.yaml} is read on first use, its services later still.
 */
public final class ProviderCatalog {
  /** Where one provider's {@code provider.yaml} lives. */
  private static final class Location {
    final Supplier<DocumentSource> source;
    final String path;

    Location(Supplier<DocumentSource> source, String path) {
      this.source = source;
      this.path = path;
    }
  }

  private final Map<String, Location> locations;
  private final Map<String, ProviderDocument> loaded = new ConcurrentHashMap<>();

  private ProviderCatalog(Map<String, Location> locations) {
    this.locations = locations;
  }

  /** Bundled providers, then those in {@code directories} (which replace bundled ones of the same name). */
  public static ProviderCatalog create(Iterable<ProviderBundle> bundles, List<Path> directories) {
    final Map<String, Location> locations = new LinkedHashMap<>();
    for (ProviderBundle bundle : bundles) {
      locations.put(bundle.providerName(), new Location(bundle::documents, bundle.providerDocument()));
    }
    for (Path directory : directories) {
      scan(directory, locations);
    }
    return new ProviderCatalog(locations);
  }

  private static void scan(Path directory, Map<String, Location> locations) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("providers directory " + directory
          + " does not exist; expected <dir>/<provider>/<version>/provider.yaml");
    }
    final DocumentSource source = DocumentSource.directory(directory.toAbsolutePath());
    try (Stream<Path> providers = Files.list(directory)) {
      for (Path provider : (Iterable<Path>) providers.sorted()::iterator) {
        newestVersion(provider).ifPresent(version -> {
          final String name = providerName(provider, version);
          locations.remove(name);
          locations.put(name, new Location(() -> source,
              provider.getFileName() + "/" + version + "/provider.yaml"));
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list providers directory " + directory, e);
    }
  }

  /**
   * The name a provider directory is queried by: the directory's own, unless it cannot be an SQL
   * name (StackQL keeps its {@code google} provider in {@code googleapis.com}), in which case the
   * {@code name} at the top of its {@code provider.yaml} (read without reading the rest).
   */
  private static String providerName(Path provider, String version) {
    final String directory = provider.getFileName().toString();
    if (directory.indexOf('.') < 0) {
      return directory;
    }
    final Path document = provider.resolve(version).resolve("provider.yaml");
    try (JsonParser parser = new YAMLFactory().createParser(document.toFile())) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          final String field = parser.currentName();
          final JsonToken value = parser.nextToken();
          if ("name".equals(field) && value == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
            return parser.getText();
          }
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      // unreadable: the directory's name stays, and reading the document reports the problem
    }
    return directory;
  }

  private static Optional<String> newestVersion(Path provider) throws IOException {
    if (!Files.isDirectory(provider)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(provider)) {
      return versions.filter(v -> Files.isRegularFile(v.resolve("provider.yaml")))
          .map(v -> v.getFileName().toString())
          .max(Comparator.naturalOrder());
    }
  }

  /**
   * Adds the providers of {@code directory} (StackQL layout), replacing those of the same name
   * and forgetting their documents read so far: what {@code REGISTRY PULL} does to the
   * connection that ran it.
   */
  public synchronized void add(Path directory) {
    final Map<String, Location> found = new LinkedHashMap<>();
    scan(directory, found);
    for (String name : found.keySet()) {
      locations.keySet().removeIf(name::equalsIgnoreCase);
      loaded.keySet().removeIf(name::equalsIgnoreCase);
    }
    locations.putAll(found);
  }

  /** Names of all providers, bundled first. */
  public synchronized List<String> providerNames() {
    return Collections.unmodifiableList(new ArrayList<>(locations.keySet()));
  }

  /**
   * The provider called {@code name} (ignoring case), read on first use; null if there is none. A
   * provider is known by its directory's name and, once read, also by the name its
   * {@code provider.yaml} gives (StackQL's {@code googleapis.com} directory holds {@code google}).
   */
  public @Nullable ProviderDocument provider(String name) {
    requireNonNull(name, "name");
    final String key;
    final Location location;
    synchronized (this) {
      key = key(name);
      if (key == null) {
        for (ProviderDocument document : loaded.values()) {
          if (document.name().equalsIgnoreCase(name)) {
            return document;
          }
        }
        return null;
      }
      location = requireNonNull(locations.get(key), key);
    }
    return loaded.computeIfAbsent(key, k -> ProviderDocument.read(location.source.get(), location.path));
  }

  private @Nullable String key(String name) {
    if (locations.containsKey(name)) {
      return name;
    }
    String key = null;
    for (String candidate : locations.keySet()) {
      if (candidate.equalsIgnoreCase(name)) {
        key = candidate;
      }
    }
    return key;
  }

  /** Whether {@code name}'s document has been read already (for tests of lazy loading). */
  public boolean isLoaded(String name) {
    return loaded.containsKey(name);
  }
}
