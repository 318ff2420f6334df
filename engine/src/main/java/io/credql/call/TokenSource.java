package io.credql.call;

import io.credql.document.PaginationConfig;
import io.credql.error.ProviderResponseException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a {@link Paginator} reads the next page's token, page number or URL: a decoded response
 * (its body by path, its headers by name). JSON bodies use {@link JsonTokenSource}; a decoder of
 * another body format (XML, read by XPath) supplies its own.
 */
public interface TokenSource {
  /**
   * The text at {@code location} ({@code location: body} by path, {@code location: header} by
   * name), or null if the response has none there.
   *
   * @throws ProviderResponseException if there is something there that is not a single value
   */
  @Nullable String read(PaginationConfig.TokenLocation location) throws ProviderResponseException;
}
