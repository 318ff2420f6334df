package io.credql.call;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.PaginationConfig;
import io.credql.document.PaginationConfig.TokenLocation;
import io.credql.error.ProviderResponseException;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Works out the next page's request from {@code config.pagination}, for every algorithm of
 * StackQL's format: a token the response carries (body path or header) sent back in the query, a
 * header or the body; {@code page_number} (send page + 1 until {@code page >= pages}); an
 * {@code offset} counting the rows read; and a next-page URL, read from the body
 * ({@code requestToken.location: request}, OData's {@code nextLink}) or from a {@code Link}
 * header's {@code rel="next"}. A next URL is followed only on the origin of the request.
 * Traversal stops when the token is missing; a repeated token, a page field that is not a number
 * and more pages than the connection's {@code pageLimit} are errors, never a silent stop.
 */
final class Paginator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Paginator() {
  }

  /** StackQL's default for a method without {@code pagination}: Google's {@code nextPageToken} → {@code pageToken}. */
  private static final PaginationConfig NEXT_PAGE_TOKEN = new PaginationConfig(null,
      new TokenLocation("pageToken", "query"), new TokenLocation("nextPageToken", "body"), null);
  /** OData's next link, as Azure's list operations send it (which StackQL does not follow by default). */
  private static final PaginationConfig NEXT_LINK = new PaginationConfig(PaginationConfig.ODATA_NEXT_LINK,
      new TokenLocation("", "request"), new TokenLocation("nextLink", "body"), null);
  private static final PaginationConfig ODATA_NEXT_LINK = new PaginationConfig(PaginationConfig.ODATA_NEXT_LINK,
      new TokenLocation("", "request"), new TokenLocation("@odata.nextLink", "body"), null);

  static @Nullable PreparedRequest next(PreparedRequest current, @Nullable PaginationConfig documented,
      TokenSource response, int rows, int pageLimit) throws ProviderResponseException {
    final PaginationConfig config = documented != null ? documented : conventional(response);
    if (config == null) {
      return null;
    }
    final PreparedRequest next;
    if (config.isOffset()) {
      next = byOffset(current, config, response, rows);
    } else if (config.isPageNumber()) {
      next = byPageNumber(current, config, response, pageLimit);
    } else if (followsUrl(config)) {
      next = byUrl(current, config, response);
    } else {
      final String token = config.responseToken() == null ? null : response.read(config.responseToken());
      next = token == null || token.isEmpty() ? null : withToken(current, config, token);
    }
    if (next != null && next.page() > pageLimit) {
      throw new ProviderResponseException(id(current) + ": the provider offers more than " + pageLimit
          + " pages; credql stops rather than return part of the rows. Narrow the query or raise the"
          + " connection property pageLimit=<pages>");
    }
    return next;
  }

  /**
   * For a method whose document configures no pagination, the convention its response follows:
   * a {@code nextPageToken} (StackQL's default), or OData's {@code nextLink}/{@code @odata.nextLink}.
   */
  private static @Nullable PaginationConfig conventional(TokenSource response) throws ProviderResponseException {
    for (PaginationConfig convention : new PaginationConfig[] {NEXT_PAGE_TOKEN, NEXT_LINK, ODATA_NEXT_LINK}) {
      final String token = response.read(requireNonNull(convention.responseToken(), "responseToken"));
      if (token != null && !token.isEmpty()) {
        return convention;
      }
    }
    return null;
  }

  private static @Nullable PreparedRequest byOffset(PreparedRequest current, PaginationConfig config,
      TokenSource response, int rows) throws ProviderResponseException {
    if (rows == 0) {
      return null;
    }
    final BigDecimal offset = number(current, "offset", currentToken(current, config.requestToken()));
    final BigDecimal next = (offset == null ? BigDecimal.ZERO : offset).add(BigDecimal.valueOf(rows));
    final BigDecimal total = config.responseTerminator() == null ? null
        : number(current, config.responseTerminator().key(), response.read(config.responseTerminator()));
    if (total != null && next.compareTo(total) >= 0) {
      return null;
    }
    return withToken(current, config, next.toPlainString());
  }

  /** StackQL's {@code page_number}: stop when the page is the last or either field is missing. */
  private static @Nullable PreparedRequest byPageNumber(PreparedRequest current, PaginationConfig config,
      TokenSource response, int pageLimit) throws ProviderResponseException {
    final TokenLocation pageField = config.responseToken();
    final TokenLocation pagesField = config.responseTerminator();
    final BigDecimal page = pageField == null ? null : number(current, pageField.key(), response.read(pageField));
    final BigDecimal pages = pagesField == null ? null : number(current, pagesField.key(), response.read(pagesField));
    if (page == null || pages == null || page.compareTo(pages) >= 0) {
      return null;
    }
    if (pages.compareTo(BigDecimal.valueOf(pageLimit)) > 0) {
      throw new ProviderResponseException(id(current) + ": the provider reports " + pages.toPlainString()
          + " pages (" + requireNonNull(pagesField, "pagesField").key() + "), more than pageLimit=" + pageLimit
          + "; credql stops rather"
          + " than return part of the rows. Narrow the query or raise the connection property pageLimit=<pages>");
    }
    return withToken(current, config, page.add(BigDecimal.ONE).toPlainString());
  }

  /** Whether the response names the next page's URL rather than a token to send back. */
  private static boolean followsUrl(PaginationConfig config) {
    final TokenLocation response = config.responseToken();
    return "request".equals(config.requestToken().location())
        || PaginationConfig.ODATA_NEXT_LINK.equals(config.algorithm())
        || response != null && isLinkHeader(response);
  }

  private static boolean isLinkHeader(TokenLocation location) {
    return "header".equals(location.location()) && (location.key().equalsIgnoreCase("Link")
        || PaginationConfig.LINK_HEADER_NEXT.equals(location.algorithm()));
  }

  /**
   * The next page at the URL the response gives. With a query {@code requestToken} (the spec's
   * {@code link_header_next} example) only that parameter is taken from the URL, as StackQL would
   * set it; otherwise the URL is followed as it is, on the same origin only.
   */
  private static @Nullable PreparedRequest byUrl(PreparedRequest current, PaginationConfig config,
      TokenSource response) throws ProviderResponseException {
    final TokenLocation source = config.responseToken() != null ? config.responseToken()
        : new TokenLocation("@odata.nextLink", "body");
    final String raw = response.read(source);
    final String link = raw == null ? null : isLinkHeader(source) ? LinkHeader.next(raw) : raw.trim();
    if (link == null || link.isEmpty()) {
      return null;
    }
    final HttpUrl target = current.url().resolve(link);
    if (target == null) {
      throw new ProviderResponseException(id(current) + ": the provider's next page link is not a URL;"
          + " stopping rather than return part of the rows");
    }
    SameOrigin.require(current.url(), target, id(current), "the provider's next page link");
    final TokenLocation request = config.requestToken();
    if ("query".equals(request.location()) && !request.key().isEmpty()
        && target.queryParameter(request.key()) != null) {
      return withToken(current, config, target.queryParameter(request.key()));
    }
    if (target.equals(current.url())) {
      throw repeated(current);
    }
    return current.nextPage(target, current.headers(), current.body());
  }

  /** A page field that is present must be a number; a missing one ends the traversal. */
  private static @Nullable BigDecimal number(PreparedRequest current, String field, @Nullable String text)
      throws ProviderResponseException {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new ProviderResponseException(id(current) + ": the provider's page field " + field + " is '"
          + printable(text) + "', not a number; credql cannot tell whether more pages follow, so it stops"
          + " with this error rather than return part of the rows");
    }
  }

  private static String printable(String text) {
    final String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  private static @Nullable String currentToken(PreparedRequest request, TokenLocation location) {
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

  private static PreparedRequest withToken(PreparedRequest current, PaginationConfig config, String token)
      throws ProviderResponseException {
    final TokenLocation location = config.requestToken();
    final PreparedRequest next = placeToken(current, location, token);
    final String sent = currentToken(current, location);
    if (sent != null && sent.equals(currentToken(next, location))) {
      throw repeated(current);
    }
    return next;
  }

  private static PreparedRequest placeToken(PreparedRequest current, TokenLocation location, String token)
      throws ProviderResponseException {
    switch (location.location()) {
    case "header":
      final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(current.headers());
      headers.put(location.key(), token);
      return current.nextPage(current.url(), headers, current.body());
    case "body":
      try {
        final ObjectNode body = current.body() == null ? JSON.createObjectNode()
            : (ObjectNode) JSON.readTree(current.body());
        body.put(location.key(), token);
        return current.nextPage(current.url(), current.headers(), JSON.writeValueAsBytes(body));
      } catch (IOException | ClassCastException e) {
        throw new ProviderResponseException("cannot put the page token into the request body of " + id(current));
      }
    default:
      final HttpUrl.Builder url = current.url().newBuilder();
      if (location.isPreEncoded()) {
        url.setEncodedQueryParameter(location.key(), token);
      } else {
        url.setQueryParameter(location.key(), token);
      }
      return current.nextPage(url.build(), current.headers(), current.body());
    }
  }

  private static ProviderResponseException repeated(PreparedRequest current) {
    return new ProviderResponseException(id(current)
        + ": the provider returned the same page token twice; stopping rather than looping");
  }

  private static String id(PreparedRequest request) {
    return request.call().method().id();
  }
}
