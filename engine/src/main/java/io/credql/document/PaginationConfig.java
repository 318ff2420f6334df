package io.credql.document;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * StackQL's {@code config.pagination}: where the next-page token goes in the request, where it
 * comes from in the response, and (for {@code page_number}) what ends the traversal.
 */
public final class PaginationConfig {
  /** StackQL's {@code page_number}: the response says which page it is and how many there are. */
  public static final String PAGE_NUMBER = "page_number";
  /** Rows to skip: the request sends the number of rows read so far. */
  public static final String OFFSET = "offset";
  /** OData v4: the response body's {@code @odata.nextLink} (or {@code nextLink}) is the next URL. */
  public static final String ODATA_NEXT_LINK = "odata_next_link";
  /** RFC 5988: the {@code Link} header's {@code rel="next"} URL is the next request. */
  public static final String LINK_HEADER_NEXT = "link_header_next";
  /** The algorithms a {@code pagination} block may name; without one the token is passed back. */
  public static final List<String> ALGORITHMS =
      List.of(PAGE_NUMBER, OFFSET, ODATA_NEXT_LINK, LINK_HEADER_NEXT);

  /**
   * A place in a request or a response: a query parameter, header or body key (JSONPath allowed
   * in bodies), or the whole request URL ({@code location: request}).
   */
  public static final class TokenLocation {
    private final String key;
    private final String location;
    private final @Nullable String algorithm;
    private final @Nullable String encoding;

    public TokenLocation(String key, String location) {
      this(key, location, null, null);
    }

    /**
     * A location with StackQL's per-token {@code algorithm} (such as {@code link_header_next})
     * and {@code encoding} ({@code none}: the token is already URL-encoded; send it as it is).
     */
    public TokenLocation(String key, String location, @Nullable String algorithm,
        @Nullable String encoding) {
      this.key = requireNonNull(key, "key");
      this.location = requireNonNull(location, "location").toLowerCase(Locale.ROOT);
      this.algorithm = algorithm;
      this.encoding = encoding;
    }

    public String key() {
      return key;
    }

    /** {@code query}, {@code header}, {@code body} or {@code request} (the next URL itself). */
    public String location() {
      return location;
    }

    public @Nullable String algorithm() {
      return algorithm;
    }

    /** Whether the token goes into the request exactly as received, without encoding it again. */
    public boolean isPreEncoded() {
      return "none".equalsIgnoreCase(encoding);
    }
  }

  private final @Nullable String algorithm;
  private final TokenLocation requestToken;
  private final @Nullable TokenLocation responseToken;
  private final @Nullable TokenLocation responseTerminator;

  public PaginationConfig(@Nullable String algorithm, TokenLocation requestToken,
      @Nullable TokenLocation responseToken, @Nullable TokenLocation responseTerminator) {
    this.algorithm = algorithm;
    this.requestToken = requireNonNull(requestToken, "requestToken");
    this.responseToken = responseToken;
    this.responseTerminator = responseTerminator;
  }

  /** The block's {@code algorithm}, or null for token paging. */
  public @Nullable String algorithm() {
    return algorithm;
  }

  /** Whether pages are numbered (Linode's {@code page_number}) rather than chained by tokens. */
  public boolean isPageNumber() {
    return PAGE_NUMBER.equals(algorithm);
  }

  /**
   * Whether pages are addressed by the number of rows to skip ({@code offset}: send the rows read
   * so far, stop at an empty page or when the count reaches {@code responseTerminator}, such as
   * Huawei's {@code total_count}).
   */
  public boolean isOffset() {
    return OFFSET.equals(algorithm);
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
