package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.PaginationConfig;
import io.credql.error.ProviderResponseException;
import okhttp3.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Works out the next page's request from {@code config.pagination}: {@code page_number} (Linode:
 * send page + 1 until {@code page >= pages}) or a token the response carries (Databricks
 * {@code next_page_token}, Render's last item {@code cursor}), or an offset counting the rows read
 * (Huawei's {@code offset} up to {@code total_count}). Traversal stops when the token or
 * terminator is missing; a provider repeating a token is an error, not an endless loop.
 */
final class Paginator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Paginator() {
  }

  static @Nullable PreparedRequest next(PreparedRequest current, @Nullable PaginationConfig config,
      @Nullable JsonNode body, Headers headers, int rows) throws ProviderResponseException {
    if (config == null || body == null) {
      return null;
    }
    final String token;
    if (config.isOffset()) {
      if (rows == 0) {
        return null;
      }
      final BigDecimal offset = number(currentToken(current, config));
      final BigDecimal next = (offset == null ? BigDecimal.ZERO : offset).add(BigDecimal.valueOf(rows));
      final BigDecimal total = config.responseTerminator() == null ? null
          : number(read(config.responseTerminator(), body, headers));
      if (total != null && next.compareTo(total) >= 0) {
        return null;
      }
      token = next.toPlainString();
    } else if (config.isPageNumber()) {
      final BigDecimal page = number(read(config.responseToken(), body, headers));
      final BigDecimal pages = config.responseTerminator() == null ? null
          : number(read(config.responseTerminator(), body, headers));
      if (page == null || pages == null || page.compareTo(pages) >= 0) {
        return null;
      }
      token = page.add(BigDecimal.ONE).toPlainString();
    } else {
      final String value = read(config.responseToken(), body, headers);
      if (value == null || value.isEmpty()) {
        return null;
      }
      token = value;
    }
    final String previous = currentToken(current, config);
    if (token.equals(previous)) {
      throw new ProviderResponseException(current.call().method().id()
          + ": the provider returned the same page token twice; stopping rather than looping");
    }
    return withToken(current, config.requestToken(), token);
  }

  private static @Nullable String read(PaginationConfig.TokenLocation location, JsonNode body,
      Headers headers) {
    if ("header".equals(location.location())) {
      return headers.get(location.key());
    }
    final JsonNode value = JsonPaths.read(body, location.key());
    return value == null || !value.isValueNode() ? null : value.asText();
  }

  private static @Nullable BigDecimal number(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable String currentToken(PreparedRequest request, PaginationConfig config) {
    final PaginationConfig.TokenLocation location = config.requestToken();
    switch (location.location()) {
    case "header":
      return request.headers().get(location.key());
    case "body":
      try {
        return request.body() == null ? null
            : JSON.readTree(request.body()).path(location.key()).asText(null);
      } catch (IOException e) {
        return null;
      }
    default:
      return request.url().queryParameter(location.key());
    }
  }

  private static PreparedRequest withToken(PreparedRequest request,
      PaginationConfig.TokenLocation location, String token) throws ProviderResponseException {
    switch (location.location()) {
    case "header":
      return request.withHeader(location.key(), token);
    case "body":
      try {
        final ObjectNode body = request.body() == null ? JSON.createObjectNode()
            : (ObjectNode) JSON.readTree(request.body());
        body.put(location.key(), token);
        return request.withBody(JSON.writeValueAsBytes(body));
      } catch (IOException | ClassCastException e) {
        throw new ProviderResponseException("cannot put the page token into the request body of "
            + request.call().method().id());
      }
    default:
      return request.withUrl(request.url().newBuilder().setQueryParameter(location.key(), token).build());
    }
  }
}
