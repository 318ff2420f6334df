package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.session.ProviderCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Page tokens and rows are found where a document's JSONPath says, as cheaply as a fan-out needs. */
class ObjectKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test void aPageTokenOfPlainNamesReadsWhatJsonPathReads() throws Exception {
    final JsonNode body = JSON.readTree("{\"page\": 2, \"pages\": 7, \"next\": null, \"meta\": {\"cursor\": \"c2\","
        + " \"list\": [1, 2]}, \"text\": \"x\", \"rows\": [{\"id\": 1}]}");
    // the bracket form is evaluated by JsonPath itself; the dotted form the same way or faster
    for (String[] path : new String[][] {{"$.page", "$['page']"}, {"$.meta.cursor", "$['meta']['cursor']"},
        {"$.meta.list", "$['meta']['list']"}, {"$.next", "$['next']"}, {"$.missing", "$['missing']"},
        {"$.meta.missing", "$['meta']['missing']"}, {"$.text.length", "$['text']['length']"},
        {"$.rows.id", "$['rows']['id']"}}) {
      assertEquals(ObjectKey.read(body, path[1]), ObjectKey.read(body, path[0]), path[0]);
    }
    assertEquals("c2", requireNonNull(ObjectKey.read(body, "$.meta.cursor")).asText());
    assertNull(ObjectKey.read(body, "$.next"));
    assertNull(ObjectKey.read(body, "$.rows.id"));
  }

  @Test void aMethodWorksOutItsSecretFieldsOnceForAllItsResponses() {
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(), List.of(Paths.get("src/test/resources/providers")));
    final ServiceDocument things = requireNonNull(catalog.provider("acme").service("things"), "things");
    final MethodDefinition list = requireNonNull(requireNonNull(things.resource("things"), "things").method("list"),
        "list");
    assertSame(list.secretFields(), list.secretFields());
    assertSame(list.rowSchema(), list.rowSchema());
  }
}
