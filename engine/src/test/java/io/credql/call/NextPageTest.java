package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.document.PaginationConfig;
import io.credql.document.PaginationConfig.TokenLocation;
import io.credql.error.ProviderResponseException;
import io.credql.session.ProviderCatalog;
import io.credql.spi.BoundCall;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Paginator} alone, without a server: from a page's answer (a {@link TokenSource}) to
 * the next page's request, or to the end. {@code PaginatorTest} runs every algorithm over HTTP.
 */
class NextPageTest {
  private static final MethodDefinition METHOD = ProviderCatalog.create(List.of(),
          List.of(Paths.get("src/test/resources/paging").toAbsolutePath()))
      .provider("pager").service("items").resource("by_cursor").method("list");
  private static final int PAGE_LIMIT = 100;

  private static PreparedRequest first(String url, byte[] body) {
    return new PreparedRequest(new BoundCall(METHOD, Map.of(), null), "GET", HttpUrl.get(url), Map.of(), body);
  }

  /** An answer holding {@code values} by key, wherever the config looks. */
  private static TokenSource answer(Map<String, String> values) {
    return location -> values.get(location.key());
  }

  private static PaginationConfig token(String requestLocation) {
    return new PaginationConfig(null, new TokenLocation("cursor", requestLocation),
        new TokenLocation("next", "body"), null);
  }

  @Test void theTokenOfTheAnswerIsSentBackWhereTheDocumentSays() throws Exception {
    final PreparedRequest page1 = first("https://api.example.test/v1/items?limit=2", null);
    final PreparedRequest inQuery = Paginator.next(page1, token("query"), answer(Map.of("next", "c2")), 2, PAGE_LIMIT);
    assertNotNull(inQuery);
    assertEquals("https://api.example.test/v1/items?limit=2&cursor=c2", inQuery.url().toString());
    assertEquals(2, inQuery.page());
    final PreparedRequest inHeader = Paginator.next(page1, token("header"), answer(Map.of("next", "c2")), 2, PAGE_LIMIT);
    assertEquals("c2", assertNotNullThen(inHeader).headers().get("cursor"));
    final PreparedRequest inBody = Paginator.next(first("https://api.example.test/v1/items",
        "{\"size\":2}".getBytes(StandardCharsets.UTF_8)), token("body"), answer(Map.of("next", "c2")), 2, PAGE_LIMIT);
    assertEquals("{\"size\":2,\"cursor\":\"c2\"}",
        new String(assertNotNullThen(assertNotNullThen(inBody).body()), StandardCharsets.UTF_8));
  }

  @Test void anAnswerWithoutATokenIsTheLastPage() throws Exception {
    assertNull(Paginator.next(first("https://api.example.test/v1/items", null), token("query"),
        answer(Map.of()), 2, PAGE_LIMIT));
  }

  @Test void theSameTokenTwiceIsAnErrorNotALoop() {
    final PreparedRequest page2 = first("https://api.example.test/v1/items?cursor=c2", null);
    final ProviderResponseException e = assertThrows(ProviderResponseException.class,
        () -> Paginator.next(page2, token("query"), answer(Map.of("next", "c2")), 2, PAGE_LIMIT));
    assertTrue(e.getMessage().contains("the same page token twice"), e.getMessage());
  }

  @Test void numberedPagesStopAtTheLast() throws Exception {
    final PaginationConfig numbered = new PaginationConfig(PaginationConfig.PAGE_NUMBER,
        new TokenLocation("page", "query"), new TokenLocation("page", "body"), new TokenLocation("pages", "body"));
    final PreparedRequest page1 = first("https://api.example.test/v1/items", null);
    final PreparedRequest page2 = Paginator.next(page1, numbered, answer(Map.of("page", "1", "pages", "2")), 2, PAGE_LIMIT);
    assertEquals("2", assertNotNullThen(page2).url().queryParameter("page"));
    assertNull(Paginator.next(page2, numbered, answer(Map.of("page", "2", "pages", "2")), 2, PAGE_LIMIT));
  }

  @Test void aNextLinkToAnotherOriginIsRefused() {
    final PaginationConfig link = new PaginationConfig(PaginationConfig.ODATA_NEXT_LINK,
        new TokenLocation("", "request"), new TokenLocation("nextLink", "body"), null);
    final PreparedRequest page1 = first("https://api.example.test/v1/items", null);
    final ProviderResponseException e = assertThrows(ProviderResponseException.class, () -> Paginator.next(page1,
        link, answer(Map.of("nextLink", "https://elsewhere.example.test/v1/items?page=2")), 2, PAGE_LIMIT));
    assertTrue(e.getMessage().contains("elsewhere.example.test"), e.getMessage());
  }

  @Test void morePagesThanThePageLimitIsAnErrorNamingIt() {
    final PreparedRequest page1 = first("https://api.example.test/v1/items", null);
    final ProviderResponseException e = assertThrows(ProviderResponseException.class,
        () -> Paginator.next(page1, token("query"), answer(Map.of("next", "c2")), 2, 1));
    assertTrue(e.getMessage().contains("pageLimit"), e.getMessage());
  }

  private static <T> T assertNotNullThen(T value) {
    assertNotNull(value);
    return value;
  }
}
