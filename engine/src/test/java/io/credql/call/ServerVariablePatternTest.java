package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.error.InvalidInputException;
import io.credql.session.ProviderCatalog;
import io.credql.spi.BoundCall;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server variable written as gorilla/mux writes one, {@code https://{host:[^/]+}} (StackQL's GitLab
 * document): it is the variable {@code host}, its default applies, and its pattern lets the user name
 * their own host (GitLab's docs: "with an optional port"), which must still be a host and port only.
 */
class ServerVariablePatternTest {
  private static final MethodDefinition VIEWER = requireNonNull(requireNonNull(requireNonNull(
      requireNonNull(ProviderCatalog.create(List.of(), List.of(Paths.get("src/test/resources/graphql-providers")))
          .provider("board"), "board").service("selfhosted"), "selfhosted").resources().get("viewer"), "viewer")
      .method("get"), "get");

  private static String url(Map<String, Object> inputs) throws Exception {
    return RequestFactory.prepare(new BoundCall(VIEWER, inputs, null), null).url().toString();
  }

  @Test void theVariableTakesItsDefaultWhenTheStatementGivesNone() throws Exception {
    assertEquals("https://board.example.com/api/graphql", url(Map.of()));
  }

  @Test void itsPatternLetsTheStatementNameAHostOfItsOwn() throws Exception {
    assertEquals("https://gitlab.corp.example/api/graphql", url(Map.of("host", "gitlab.corp.example")));
    assertEquals("https://gitlab.corp.example:8443/api/graphql", url(Map.of("host", "gitlab.corp.example:8443")));
  }

  @Test void aValueThatWouldAddAPortOrAUserIsStillRefused() {
    final InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> url(Map.of("host", "gitlab.corp.example@evil.example")));
    assertTrue(e.getMessage().contains("host of board.selfhosted.viewer.get must be"), e.getMessage());
  }
}
