package io.credql.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filling {@code {{ name }}} placeholders from {@code --var name=value}. */
class PlaceholdersTest {
  @Test void placeholdersAreFilledWithOrWithoutSpacesInsideTheBraces() throws Exception {
    assertEquals("EXEC x.generate @deployment_name = 'dbc-1', @endpoint = 'e/1', @again = 'dbc-1'",
        Placeholders.fill(
            "EXEC x.generate @deployment_name = '{{ deployment_name }}', @endpoint = '{{endpoint}}',"
                + " @again = '{{   deployment_name}}'",
            Map.of("deployment_name", "dbc-1", "endpoint", "e/1")));
  }

  @Test void aStackqlStyleDottedPlaceholderIsFilledToo() throws Exception {
    assertEquals("WHERE region = 'eu'", Placeholders.fill("WHERE region = '{{ .region }}'",
        Map.of("region", "eu")));
  }

  @Test void valuesGoInAsWrittenAndAreNotFilledAgain() throws Exception {
    assertEquals("SELECT '$1 {{ b }} \\n'", Placeholders.fill("SELECT '{{ a }}'",
        Map.of("a", "$1 {{ b }} \\n")));
  }

  @Test void anUnfilledPlaceholderIsAnErrorThatNamesIt() {
    final UnfilledPlaceholderException e = assertThrows(UnfilledPlaceholderException.class,
        () -> Placeholders.fill("EXEC x @a = '{{ a }}', @b = '{{b}}', @c = '{{ c }}', @b2 = '{{ b }}'",
            Map.of("a", "1")));
    assertEquals(List.of("b", "c"), e.names());
    assertTrue(e.getMessage().contains("{{ b }}") && e.getMessage().contains("--var c=..."),
        e.getMessage());
  }

  @Test void textWithoutPlaceholdersIsLeftAlone() throws Exception {
    final String json = "EXEC x @@json = '{\"a\": {\"b\": 1}}'";
    assertEquals(json, Placeholders.fill(json, Map.of()));
  }
}
