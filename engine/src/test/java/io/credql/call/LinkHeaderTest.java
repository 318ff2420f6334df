package io.credql.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The next page of a {@code Link} header is found however the links are ordered and quoted. */
class LinkHeaderTest {
  @Test void theNextLinkIsFoundAmongGithubsLinks() {
    assertEquals("https://api.github.com/orgs/o/repos?page=3",
        LinkHeader.next("<https://api.github.com/orgs/o/repos?page=1>; rel=\"prev\", "
            + "<https://api.github.com/orgs/o/repos?page=3>; rel=\"next\", "
            + "<https://api.github.com/orgs/o/repos?page=9>; rel=\"last\""));
  }

  @Test void relationListsUnquotedValuesAndOtherParametersAreUnderstood() {
    assertEquals("/p2", LinkHeader.next("</p2>; title=\"x, y\"; rel=\"prev next\""));
    assertEquals("/p2", LinkHeader.next("</p2>;rel=next"));
    assertEquals("/p2", LinkHeader.next("</p2>; REL=\"Next\""));
  }

  @Test void withoutANextLinkThereIsNoNextPage() {
    assertNull(LinkHeader.next("<https://x/p1>; rel=\"prev\", <https://x/p9>; rel=\"last\""));
    assertNull(LinkHeader.next("<https://x/nextpage>; rel=\"nextish\""));
    assertNull(LinkHeader.next(""));
    assertNull(LinkHeader.next("garbage <unclosed"));
    assertNull(LinkHeader.next(null));
  }
}
