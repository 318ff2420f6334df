package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.PaginationConfig;
import io.credql.error.ProviderResponseException;
import okhttp3.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * Page tokens of a JSON response: body values by JSONPath ({@code $.meta.next_cursor}) or by
 * top-level key ({@code nextLink}, {@code @odata.nextLink}), header values by name.
 */
public final class JsonTokenSource implements TokenSource {
  private final JsonNode body;
  private final Headers headers;

  public JsonTokenSource(JsonNode body, Headers headers) {
    this.body = requireNonNull(body, "body");
    this.headers = requireNonNull(headers, "headers");
  }

  @Override public @Nullable String read(PaginationConfig.TokenLocation location)
      throws ProviderResponseException {
    if ("header".equals(location.location())) {
      final java.util.List<String> values = headers.values(location.key());
      return values.isEmpty() ? null : String.join(", ", values);
    }
    JsonNode value = JsonPaths.read(body, location.key());
    if (value == null && !location.key().startsWith("$") && location.key().contains(".")
        && !body.has(location.key())) {
      // the spec's own example writes body paths without "$" (result_info.page)
      value = JsonPaths.read(body, "$." + location.key());
    }
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new ProviderResponseException("the provider's response holds " + (value.isArray() ? "a list" : "an object")
          + " at " + location.key() + ", where its document says the next page's token is");
    }
    return value.asText();
  }
}
