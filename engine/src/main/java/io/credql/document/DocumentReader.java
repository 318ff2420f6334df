package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Reads a provider document (YAML, or JSON which YAML also accepts) into a tree. */
final class DocumentReader {
  private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .loaderOptions(largeDocuments())
      .build());
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentReader() {
  }

  /** Reads {@code relativePath} from {@code source}; a missing file or a syntax error is reported with its name. */
  static JsonNode read(DocumentSource source, String relativePath) {
    final JsonNode tree = readIfPresent(source, relativePath);
    if (tree == null) {
      throw new InvalidDocumentException(source.describe(relativePath), "", "file not found");
    }
    return tree;
  }

  /** Like {@link #read}, but returns null when the file does not exist. */
  static @Nullable JsonNode readIfPresent(DocumentSource source, String relativePath) {
    final String name = source.describe(relativePath);
    try (InputStream in = source.open(relativePath)) {
      if (in == null) {
        return null;
      }
      final JsonNode tree = (relativePath.endsWith(".json") ? JSON : YAML).readTree(in);
      if (tree == null || !tree.isObject()) {
        throw new InvalidDocumentException(name, "", "expected a mapping at the top level");
      }
      return tree;
    } catch (IOException e) {
      throw new InvalidDocumentException(name, "", "cannot parse: " + e.getMessage(), e);
    }
  }

  /** StackQL's registry documents exceed SnakeYAML's default 3 MB code-point limit when expanded. */
  private static org.yaml.snakeyaml.LoaderOptions largeDocuments() {
    final org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    options.setMaxAliasesForCollections(1000);
    return options;
  }
}
