package io.credql.call;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.MethodDefinition;
import io.credql.document.ObjectKey;
import io.credql.error.ProviderResponseException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a JSON response whose {@code objectKey} is a path of field names ({@code $},
 * {@code $.data}, {@code $.result.items}), read with Jackson's streaming parser so that the body
 * is never one tree: a first pass checks the whole body and keeps its outline (everything except
 * the elements of the rows' list, which is where page tokens are), and each walk of the rows is a
 * later pass that decodes one row at a time as it is asked for.
 */
final class StreamedJsonRows implements Iterable<JsonNode> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The JSONPaths streamed: {@code $} and dotted field names; any other form is evaluated on a tree. */
  private static final Pattern FIELD_PATH = Pattern.compile("\\$(\\.[^.\\[\\]*'\"()?@\\s]+)*");

  private final ResponseContent content;
  private final List<String> path;
  private final JsonNode outline;
  private final int count;
  /** The one row when the key selects an object rather than a list. */
  private final @Nullable JsonNode single;

  private StreamedJsonRows(ResponseContent content, List<String> path, JsonNode outline, int count,
      @Nullable JsonNode single) {
    this.content = requireNonNull(content, "content");
    this.path = requireNonNull(path, "path");
    this.outline = requireNonNull(outline, "outline");
    this.count = count;
    this.single = single;
  }

  /** The field names {@code key} walks (none for the whole body), or null if it is not a plain field path. */
  static @Nullable List<String> fieldPath(@Nullable ObjectKey key) {
    if (key == null) {
      return List.of();
    }
    final String text = key.text().startsWith("$") ? key.text() : "$." + key.text();
    if (key.isXPath() || !FIELD_PATH.matcher(text).matches()) {
      return null;
    }
    return text.length() == 1 ? List.of() : List.of(text.substring(2).split("\\."));
  }

  /**
   * Checks the whole body and notes where its rows are; null when the body holds no JSON value.
   *
   * @throws ProviderResponseException if the body is not JSON, or holds something other than
   *     objects where the document promises rows
   */
  static @Nullable StreamedJsonRows read(MethodDefinition method, ResponseContent content, List<String> path)
      throws ProviderResponseException {
    try (JsonParser parser = JSON.getFactory().createParser(content.open())) {
      if (parser.nextToken() == null) {
        return null;
      }
      final FirstPass pass = new FirstPass(method, path);
      final JsonNode outline = pass.value(parser, 0);
      return new StreamedJsonRows(content, path, outline, pass.count, pass.single);
    } catch (IOException e) {
      throw new ProviderResponseException(method.id() + ": the provider's response (" + content.size()
          + " bytes) is not valid JSON: " + ResponseDecoder.whyNotJson(e) + "; no rows were returned", e);
    }
  }

  /** The body without the elements of its rows' list: what page tokens and masking read. */
  JsonNode outline() {
    return outline;
  }

  /** How many rows the body holds. */
  int count() {
    return count;
  }

  /** The whole body as one tree, for the few who need it (an {@code EXEC} of the raw response). */
  JsonNode whole() {
    try {
      return JSON.readTree(content.open());
    } catch (IOException e) {
      throw new UncheckedIOException("a body read once could not be read again", e);
    }
  }

  /** The rows, each decoded when the iterator reaches it. */
  @Override public Iterator<JsonNode> iterator() {
    if (single != null) {
      return List.of(single).iterator();
    }
    return count == 0 ? Collections.emptyIterator() : new RowIterator();
  }

  /** The pass that checks the body and builds its outline, counting the rows it skips. */
  private static final class FirstPass {
    private final MethodDefinition method;
    private final List<String> path;
    private int count;
    private @Nullable JsonNode single;

    FirstPass(MethodDefinition method, List<String> path) {
      this.method = method;
      this.path = path;
    }

    /** The value at the parser's current token, {@code depth} fields down the key's path. */
    JsonNode value(JsonParser parser, int depth) throws IOException, ProviderResponseException {
      if (depth == path.size()) {
        return selected(parser);
      }
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        // the path cannot go on through a list or a value: nothing is selected, as with JSONPath
        return JSON.readTree(parser);
      }
      final ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        final String name = parser.currentName();
        parser.nextToken();
        if (name.equals(path.get(depth))) {
          if (object.has(name)) {
            throw new ProviderResponseException(method.id() + ": the provider's response names "
                + name + " twice, so its rows are ambiguous; no rows were returned");
          }
          object.set(name, value(parser, depth + 1));
        } else {
          object.set(name, JSON.readTree(parser));
        }
      }
      return object;
    }

    private JsonNode selected(JsonParser parser) throws IOException, ProviderResponseException {
      final JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        single = JSON.readTree(parser);
        count = 1;
        return single;
      }
      if (token == JsonToken.VALUE_NULL) {
        return JsonNodeFactory.instance.nullNode();
      }
      if (token != JsonToken.START_ARRAY) {
        throw ResponseDecoder.notRows(method, kind(token));
      }
      for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
        if (element == JsonToken.START_OBJECT) {
          count++;
          parser.skipChildren();
        } else if (element != JsonToken.VALUE_NULL) {
          throw ResponseDecoder.notRows(method, "a list holding " + kind(element));
        }
      }
      return JsonNodeFactory.instance.arrayNode();
    }

    private static String kind(JsonToken token) {
      switch (token) {
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case START_ARRAY:
        return "a list";
      default:
        return "a value";
      }
    }
  }

  /** A later pass: walks down the key's path to the rows' list and decodes one element per step. */
  private final class RowIterator implements Iterator<JsonNode> {
    private @Nullable JsonParser parser;
    private @Nullable JsonNode next;
    private boolean done;

    @Override public boolean hasNext() {
      if (next == null && !done) {
        try {
          advance();
        } catch (IOException e) {
          throw new UncheckedIOException("a body read once could not be read again", e);
        }
      }
      return next != null;
    }

    @Override public JsonNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      final JsonNode row = requireNonNull(next, "next"); // hasNext() has read it
      next = null;
      return row;
    }

    private void advance() throws IOException {
      JsonParser current = parser;
      if (current == null) {
        current = JSON.getFactory().createParser(content.open());
        parser = current;
        current.nextToken();
        for (String field : path) {
          toField(current, field);
        }
      }
      for (JsonToken token = current.nextToken(); token != null && token != JsonToken.END_ARRAY;
          token = current.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          next = JSON.readTree(current);
          return;
        }
      }
      done = true;
      current.close();
    }

    /** Moves from the start of an object to the value of its field {@code name} (which the first pass found). */
    private void toField(JsonParser parser, String name) throws IOException {
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        final boolean found = name.equals(parser.currentName());
        parser.nextToken();
        if (found) {
          return;
        }
        parser.skipChildren();
      }
      throw new IllegalStateException("field " + name + " of " + Arrays.toString(path.toArray())
          + " vanished between two reads of one body");
    }
  }
}
