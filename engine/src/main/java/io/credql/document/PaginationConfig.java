package io.credql.document;

import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * StackQL's {@code config.pagination}: where the next-page token goes in the request, where it
 * comes from in the response, and (for {@code page_number}) what ends the traversal.
 */
public final class PaginationConfig {
  /** A place in a request or a response: a query parameter, header or body key (JSONPath allowed in bodies). */
  public static final class TokenLocation {
    private final String key;
    private final String location;

    TokenLocation(String key, String location) {
      this.key = requireNonNull(key, "key");
      this.location = requireNonNull(location, "location");
    }

    public String key() {
      return key;
    }

    /** {@code query}, {@code header} or {@code body}. */
    public String location() {
      return location;
    }
  }

  private final @Nullable String algorithm;
  private final TokenLocation requestToken;
  private final @Nullable TokenLocation responseToken;
  private final @Nullable TokenLocation responseTerminator;

  PaginationConfig(@Nullable String algorithm, TokenLocation requestToken,
      @Nullable TokenLocation responseToken, @Nullable TokenLocation responseTerminator) {
    this.algorithm = algorithm;
    this.requestToken = requireNonNull(requestToken, "requestToken");
    this.responseToken = responseToken;
    this.responseTerminator = responseTerminator;
  }

  /** Whether pages are numbered (Linode's {@code page_number}) rather than chained by tokens. */
  public boolean isPageNumber() {
    return "page_number".equals(algorithm);
  }

  /**
   * Whether pages are addressed by the number of rows to skip ({@code offset}: send the rows read
   * so far, stop at an empty page or when the count reaches {@code responseTerminator}, such as
   * Huawei's {@code total_count}).
   */
  public boolean isOffset() {
    return "offset".equals(algorithm);
  }

  public TokenLocation requestToken() {
    return requestToken;
  }

  /** Where the next token comes from; null for offset paging, which counts rows instead. */
  public @Nullable TokenLocation responseToken() {
    return responseToken;
  }

  public @Nullable TokenLocation responseTerminator() {
    return responseTerminator;
  }
}
