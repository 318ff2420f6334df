package io.credql.document;

import io.credql.session.ProviderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider documents are data: found without parsing, read lazily, and checked with precise errors. */
class ProviderDocumentTest {
  private static final String PROVIDER = "id: bad\nname: bad\nversion: v1\nproviderServices:\n"
      + "  svc:\n    id: svc:v1\n    name: svc\n    service:\n      $ref: bad/v1/services/svc.yaml\n"
      + "    title: Svc\n    version: v1\n    description: d\n";

  private static ProviderCatalog catalog(Path dir) {
    return ProviderCatalog.create(List.of(), List.of(dir));
  }

  private static Path write(Path root, String provider, String service) throws IOException {
    final Path dir = root.resolve("bad/v1/services");
    Files.createDirectories(dir);
    Files.writeString(root.resolve("bad/v1/provider.yaml"), provider);
    if (service != null) {
      Files.writeString(dir.resolve("svc.yaml"), service);
    }
    return root;
  }

  private static String service(String resources) {
    return "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\n"
        + "paths:\n  /things:\n    get:\n      responses:\n        '200':\n          content:\n"
        + "            application/json:\n              schema: {type: object, properties: {a: {type: string}}}\n"
        + "components:\n  x-stackQL-resources:\n" + resources;
  }

  @Test void findingProvidersReadsNoDocumentAndServicesAreReadOnFirstUse() {
    final ProviderCatalog catalog = catalog(Paths.get("src/test/resources/providers"));
    assertEquals(List.of("acme", "beta"), catalog.providerNames());
    assertFalse(catalog.isLoaded("acme"));
    final ProviderDocument acme = catalog.provider("ACME");
    assertEquals("acme", acme.name());
    assertTrue(catalog.isLoaded("acme"));
    assertEquals(List.of("things", "thing_secrets", "thing_tokens", "widgets"),
        List.copyOf(acme.service("things").resources().keySet()));
  }

  @Test void aProviderWithoutANameIsReportedWithFileAndPointer(@TempDir Path root) throws IOException {
    write(root, PROVIDER.replace("name: bad\n", ""), null);
    final InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
        () -> catalog(root).provider("bad"));
    assertTrue(e.getMessage().contains(root.resolve("bad/v1/provider.yaml").toString()), e.getMessage());
    assertEquals("/name", e.pointer());
  }

  @Test void aMissingServiceDocumentIsReportedWhereItIsReferenced(@TempDir Path root) throws IOException {
    write(root, PROVIDER, null);
    final InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
        () -> catalog(root).provider("bad").service("svc"));
    assertEquals("/providerServices/svc/service/$ref", e.pointer());
    assertTrue(e.getMessage().contains("service document 'bad/v1/services/svc.yaml' not found"), e.getMessage());
  }

  @Test void aServiceFileNamedInAnotherCaseThanItsReferenceIsRead(@TempDir Path root) throws IOException {
    write(root, PROVIDER, service("    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        list:\n          operation:\n            $ref: '#/paths/~1things/get'\n"
        + "      sqlVerbs:\n        select:\n        - $ref: '#/components/x-stackQL-resources/things/methods/list'\n"));
    Files.move(root.resolve("bad/v1/services/svc.yaml"), root.resolve("bad/v1/services/Svc.yaml"));
    assertEquals(List.of("things"), List.copyOf(catalog(root).provider("bad").service("svc").resources().keySet()));
  }

  @Test void operationsSharingTheirParametersThroughAYamlAnchorEachHaveThem(@TempDir Path root) throws IOException {
    write(root, PROVIDER, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\n"
        + "paths:\n  /things/{thing_id}:\n"
        + "    delete:\n      parameters: &ref_0\n      - {in: path, name: thing_id, required: true, schema: {type: string}}\n"
        + "      responses: {'204': {description: gone}}\n"
        + "    get:\n      parameters: *ref_0\n      responses:\n        '200':\n          content:\n"
        + "            application/json:\n              schema: {type: object, properties: {a: {type: string}}}\n"
        + "components:\n  x-stackQL-resources:\n    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        get:\n          operation:\n            $ref: '#/paths/~1things~1{thing_id}/get'\n"
        + "        delete:\n          operation:\n            $ref: '#/paths/~1things~1{thing_id}/delete'\n"
        + "      sqlVerbs:\n        select:\n        - $ref: '#/components/x-stackQL-resources/things/methods/get'\n"
        + "        delete:\n        - $ref: '#/components/x-stackQL-resources/things/methods/delete'\n");
    final ResourceDefinition things = catalog(root).provider("bad").service("svc").resources().get("things");
    assertEquals(List.of("thing_id"), things.method("get").requiredInputNames());
    assertEquals(List.of("thing_id"), things.method("delete").requiredInputNames());
  }

  @Test void aPropertyWithAnEmptyNameIsNoColumn(@TempDir Path root) throws IOException {
    write(root, PROVIDER, service("    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        list:\n          operation:\n            $ref: '#/paths/~1things/get'\n"
        + "      sqlVerbs:\n        select:\n        - $ref: '#/components/x-stackQL-resources/things/methods/list'\n")
        .replace("properties: {a: {type: string}}", "properties: {a: {type: string}, '': {type: string}}"));
    final ResourceDefinition things = catalog(root).provider("bad").service("svc").resources().get("things");
    assertEquals(List.of("a"), List.copyOf(things.method("list").rowSchema().properties().keySet()));
  }

  @Test void anOperationRefThatPointsNowhereIsKeptOnItsMethodWithItsPointer(@TempDir Path root) throws IOException {
    write(root, PROVIDER, service("    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        list:\n          operation:\n            $ref: '#/paths/~1nothing/get'\n"
        + "      sqlVerbs:\n        select:\n        - $ref: '#/components/x-stackQL-resources/things/methods/list'\n"));
    // kept on the method, for the statement that calls it: the rest of the service still reads
    final InvalidDocumentException e = requireNonNull(
        catalog(root).provider("bad").service("svc").resources().get("things").method("list").defect());
    assertEquals("/components/x-stackQL-resources/things/methods/list/operation/$ref", e.pointer());
    assertTrue(e.getMessage().contains("svc.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("points to nothing"), e.getMessage());
  }

  @Test void aSqlVerbNamingAnUndefinedMethodIsKeptOnThatVerb(@TempDir Path root) throws IOException {
    write(root, PROVIDER, service("    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        list:\n          operation:\n            $ref: '#/paths/~1things/get'\n"
        + "      sqlVerbs:\n        select:\n        - $ref: '#/components/x-stackQL-resources/things/methods/get'\n"));
    // kept on the verb's method, for the statement that uses it: the rest of the resource still reads
    final InvalidDocumentException e = requireNonNull(
        catalog(root).provider("bad").service("svc").resources().get("things").method("get").defect());
    assertEquals("/components/x-stackQL-resources/things/sqlVerbs/select", e.pointer());
    assertTrue(e.getMessage().contains("refers to method 'get'"), e.getMessage());
  }

  @Test void anObjectKeyThatIsNotJsonPathIsKeptOnItsMethod(@TempDir Path root) throws IOException {
    write(root, PROVIDER, service("    things:\n      id: bad.svc.things\n      name: things\n"
        + "      methods:\n        list:\n          operation:\n            $ref: '#/paths/~1things/get'\n"
        + "          response:\n            objectKey: '$.[['\n"
        + "      sqlVerbs:\n        select: []\n"));
    final InvalidDocumentException e = requireNonNull(
        catalog(root).provider("bad").service("svc").resources().get("things").method("list").defect());
    assertEquals("/components/x-stackQL-resources/things/methods/list/response/objectKey", e.pointer());
  }

  @Test void yamlSyntaxErrorsNameTheFile(@TempDir Path root) throws IOException {
    write(root, PROVIDER, "openapi: [unclosed\n");
    final InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
        () -> catalog(root).provider("bad").service("svc"));
    assertTrue(e.getMessage().contains("svc.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot parse"), e.getMessage());
  }

  @Test void aDirectoryProviderReplacesABundledOneOfTheSameName(@TempDir Path root) throws IOException {
    write(root, PROVIDER, null);
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(new io.credql.spi.ProviderBundle() {
      @Override public String providerName() {
        return "bad";
      }

      @Override public DocumentSource documents() {
        throw new AssertionError("the bundled document must not be read");
      }

      @Override public String providerDocument() {
        return "nowhere/provider.yaml";
      }
    }), List.of(root));
    assertEquals("v1", catalog.provider("bad").version());
  }

  @Test void aMissingProvidersDirectoryIsAnError() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> catalog(Paths.get("/no/such/dir")));
    assertTrue(e.getMessage().contains("/no/such/dir"), e.getMessage());
  }
}
