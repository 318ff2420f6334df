package io.credql.document;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
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
      final JsonNode tree = relativePath.endsWith(".json") ? JSON.readTree(in) : readYaml(in);
      if (tree == null || !tree.isObject()) {
        throw new InvalidDocumentException(name, "", "expected a mapping at the top level");
      }
      return tree;
    } catch (IOException e) {
      throw new InvalidDocumentException(name, "", "cannot parse: " + e.getMessage(), e);
    }
  }

  /**
   * The YAML document in {@code in} as a tree, with each alias ({@code *ref_0}) replaced by a copy
   * of the node its anchor ({@code &ref_0}) marks. Jackson's own tree reader gives an alias as the
   * string {@code "ref_0"}, which loses the parameters of every operation that shares its list by
   * anchor, as Netlify's and others' documents in StackQL's registry do.
   */
  private static @Nullable JsonNode readYaml(InputStream in) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(in)) {
      return parser.nextToken() == null ? null : yamlValue(parser, new HashMap<>());
    }
  }

  private static JsonNode yamlValue(YAMLParser parser, Map<String, JsonNode> anchors) throws IOException {
    if (parser.isCurrentAlias()) {
      final JsonNode anchored = anchors.get(parser.getText());
      if (anchored == null) {
        throw new IOException("alias *" + parser.getText() + " names no anchor before it, at "
            + parser.currentLocation().offsetDescription());
      }
      return anchored.deepCopy();
    }
    final Object anchor = parser.getObjectId();
    final JsonNode node;
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      final ObjectNode object = YAML.createObjectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String field = parser.currentName();
        parser.nextToken();
        object.set(field, yamlValue(parser, anchors));
      }
      node = object;
    } else if (parser.currentToken() == JsonToken.START_ARRAY) {
      final ArrayNode array = YAML.createArrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(yamlValue(parser, anchors));
      }
      node = array;
    } else {
      node = YAML.readTree(parser);
    }
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
    }
    return node;
  }

  /** StackQL's registry documents exceed SnakeYAML's default 3 MB code-point limit when expanded. */
  private static org.yaml.snakeyaml.LoaderOptions largeDocuments() {
    final org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    options.setMaxAliasesForCollections(1000);
    return options;
  }
}
