package io.credql.registry;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code REGISTRY LIST} and {@code REGISTRY PULL} against a registry built at test time from
 * StackQL's real provider documents, signed with a test key; pulled providers land under
 * {@code $HOME/.credql/providers} (the build points {@code $HOME} at {@code target/test-home}).
 */
class RegistryPullTest {
  @TempDir Path temp;

  private TestRegistry registry;
  private @Nullable LoopbackJsonServer linodeApi;

  @BeforeEach void clean() throws IOException {
    deleteRecursively(InstalledProviders.directory());
    registry = new TestRegistry(temp.resolve("registry"));
  }

  @AfterEach void stop() throws IOException {
    registry.close();
    if (linodeApi != null) {
      linodeApi.close();
    }
    deleteRecursively(InstalledProviders.directory());
  }

  private Connection connect(String registryLocation, Path trust) throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("registry", registryLocation);
    properties.setProperty("registryTrust", trust.toString());
    return DriverManager.getConnection("jdbc:credql:", properties);
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= width; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** A loopback stand-in for Linode's API with one MySQL database; it logs the requests it gets. */
  private String startLinodeApi() {
    linodeApi = LoopbackJsonServer.answering(request -> Answer.json("{\"data\": [{\"id\": 131,"
        + " \"label\": \"shop-catalog\", \"status\": \"active\"}], \"page\": 1, \"pages\": 1, \"results\": 1}"));
    return linodeApi.url("/v4");
  }

  @Test void aPulledProviderIsQueriedByEveryLaterConnectionWithoutProvidersProperty() throws Exception {
    registry.publish("linode", "v00.00.00000");
    final String url = registry.serve();
    try (Connection c = connect(url, registry.trustFile())) {
      assertEquals(List.of("linode provider, version 'v00.00.00000' successfully installed"),
          rows(c, "REGISTRY PULL linode"));
    }
    assertTrue(Files.isRegularFile(InstalledProviders.directory().resolve("linode/v00.00.00000/provider.yaml")));
    final String api = startLinodeApi();
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.linode", api);
    properties.setProperty("auth", "{\"linode\": {\"type\": \"null_auth\"}}");
    try (Connection later = DriverManager.getConnection("jdbc:credql:", properties)) {
      assertEquals(List.of("131 | shop-catalog | active"),
          rows(later, "SELECT id, label, status FROM linode.databases.mysql_instances"));
    }
    assertEquals(List.of("GET /v4/databases/mysql/instances"),
        linodeApi.requests().stream().map(request -> request.method() + " " + request.path()).toList());
  }

  @Test void thePullingConnectionCanQueryTheProviderAtOnce() throws Exception {
    registry.publish("linode", "v00.00.00000");
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      assertThrows(SQLException.class, () -> rows(c, "SHOW SERVICES IN linode"));
      rows(c, "REGISTRY PULL linode 'v00.00.00000'");
      assertTrue(rows(c, "SHOW SERVICES IN linode").stream()
          .anyMatch(r -> r.split(" \\| ")[1].equals("databases")));
    }
  }

  @Test void registryListShowsEachProvidersNewestVersionAndAllVersionsOfOne() throws Exception {
    registry.list("linode", "v0.1.9").list("linode", "v0.1.10").list("github", "v23.01.00001");
    final String url = registry.serve();
    try (Connection c = connect(url, registry.trustFile())) {
      assertEquals(List.of("github | v23.01.00001", "linode | v0.1.10"), rows(c, "REGISTRY LIST"));
      assertEquals(List.of("linode | v0.1.9, v0.1.10"), rows(c, "registry list linode"));
      final SQLException unknown = assertThrows(SQLException.class, () -> rows(c, "REGISTRY LIST okta"));
      assertTrue(unknown.getMessage().contains("no provider called okta"), unknown.getMessage());
    }
  }

  @Test void pullWithoutVersionTakesTheNewestAndVersionsReadAsWritten() throws Exception {
    registry.publishMinimal("tiny", "v23.01.00104").publishMinimal("tiny", "v23.02.00001")
        .publishMinimal("tiny", "v3.0.0");
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      assertEquals(List.of("tiny provider, version 'v23.02.00001' successfully installed"),
          rows(c, "REGISTRY PULL tiny"));
      assertEquals(List.of("tiny provider, version 'v23.01.00104' successfully installed"),
          rows(c, "REGISTRY PULL tiny v23.01.00104"));
      assertEquals(List.of("tiny provider, version 'v3.0.0' successfully installed"),
          rows(c, "REGISTRY PULL \"tiny\" 'v3.0.0'"));
    }
    assertTrue(Files.isRegularFile(InstalledProviders.directory().resolve("tiny/v23.01.00104/provider.yaml")));
  }

  @Test void aDirectoryOfArtifactsWithoutProvidersYamlIsARegistryToo() throws Exception {
    registry.publishMinimal("tiny", "v1").publishMinimal("tiny", "v2");
    Files.delete(registry.root.resolve("dist/providers.yaml"));
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      assertEquals(List.of("tiny | v1, v2"), rows(c, "REGISTRY LIST tiny"));
      assertEquals(List.of("tiny provider, version 'v2' successfully installed"), rows(c, "REGISTRY PULL tiny"));
    }
  }

  @Test void aMissingProviderOrVersionIsNamedWithWhatTheRegistryHas() throws Exception {
    registry.publish("linode", "v00.00.00000");
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      final SQLException provider = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL okta"));
      assertTrue(provider.getMessage().contains("has no provider called okta; REGISTRY LIST shows"),
          provider.getMessage());
      final SQLException version = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode v9"));
      assertTrue(version.getMessage().contains("has no version v9 of linode; it has v00.00.00000"),
          version.getMessage());
    }
    assertFalse(Files.exists(InstalledProviders.directory().resolve("linode")));
  }

  @Test void aDocumentSignedByAnotherKeyRefusesTheWholeArtifact() throws Exception {
    final TestRegistry impostor = new TestRegistry(temp.resolve("impostor"));
    impostor.publish("linode", "v00.00.00000");
    // the documents are StackQL's, the signatures valid, but the key is not the trusted one
    try (Connection c = connect(impostor.root.toString(), registry.trustFile())) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("is not from a key trusted in"), e.getMessage());
      assertTrue(e.getMessage().contains("nothing installed"), e.getMessage());
    }
    assertFalse(Files.exists(InstalledProviders.directory().resolve("linode")));
  }

  @Test void aTamperedDocumentIsRefused() throws Exception {
    final byte[] provider = "id: linode\nname: linode\nversion: v1\nprovider Services: {}\n".getBytes(StandardCharsets.UTF_8);
    final Map<String, byte[]> files = new TreeMap<>();
    files.put("v1/provider.yaml", (new String(provider, StandardCharsets.UTF_8) + "# changed\n").getBytes(StandardCharsets.UTF_8));
    files.put("v1/provider.yaml.sig", TestRegistry.sign(provider, registry.key.getPrivate(), java.time.Instant.now()));
    registry.publishFiles("linode", "v1", files);
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("the signature of provider.yaml"), e.getMessage());
    }
  }

  @Test void anUnsignedDocumentIsRefused() throws Exception {
    registry.publishFiles("linode", "v1", Map.of("v1/provider.yaml", "name: linode\n".getBytes(StandardCharsets.UTF_8)));
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("provider.yaml has no signature (provider.yaml.sig)"), e.getMessage());
    }
  }

  @Test void anArchiveEntryOutsideTheVersionDirectoryIsRefusedBeforeAnythingIsWritten() throws Exception {
    final byte[] doc = "name: linode\n".getBytes(StandardCharsets.UTF_8);
    final Map<String, byte[]> files = new TreeMap<>();
    files.put("v1/provider.yaml", doc);
    files.put("v1/provider.yaml.sig", TestRegistry.sign(doc, registry.key.getPrivate(), java.time.Instant.now()));
    files.put("v1/../../../../escaped.txt", doc);
    registry.publishFiles("linode", "v1", files);
    try (Connection c = connect(registry.root.toString(), registry.trustFile())) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("outside v1/; refused"), e.getMessage());
    }
    try (var walk = Files.walk(InstalledProviders.directory().getParent().getParent())) {
      assertFalse(walk.anyMatch(p -> p.getFileName().toString().equals("escaped.txt")));
    }
  }

  @Test void anAnswerThatIsNotATgzIsRefused() throws Exception {
    registry.publishArtifact("linode", "v1", "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8));
    final String url = registry.serve();
    try (Connection c = connect(url, registry.trustFile())) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("is not a .tgz archive"), e.getMessage());
    }
  }

  @Test void withoutATrustedKeyPullSaysHowToTrustOne() throws Exception {
    registry.publish("linode", "v1");
    final Properties properties = new Properties();
    properties.setProperty("registry", registry.root.toString());
    try (Connection c = DriverManager.getConnection("jdbc:credql:", properties)) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY PULL linode"));
      assertTrue(e.getMessage().contains("set registryTrust=<PEM file"), e.getMessage());
    }
  }

  @Test void plainHttpIsOnlyForARegistryOnThisMachine() throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("registry", "http://registry.example.com/providers");
    try (Connection c = DriverManager.getConnection("jdbc:credql:", properties)) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(c, "REGISTRY LIST"));
      assertTrue(e.getMessage().contains("use https:// for registry.example.com"), e.getMessage());
    }
  }

  @Test void aColumnCalledListOrRegistryStillWorks() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:credql:")) {
      assertEquals(List.of("1 | 2"), rows(c, "SELECT 1 AS registry, 2 AS list"));
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    ProviderRegistry.deleteRecursively(path);
  }
}
