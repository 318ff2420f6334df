package io.credql.statement;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.credql.jdbc.QueryRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * REPLACE and INSERT ... RETURNING on StackQL's own Linode document, unchanged from its provider
 * registry (its mysql_instances map replace to PUT), against a loopback fake of Linode's API.
 */
class StackqlRegistryMutationsTest {
  /** Surefire runs in the module's directory; the registry copy is beside the repository. */
  private static final Path REGISTRY =
      Paths.get("../conformance/stackql-registry/providers/src").toAbsolutePath().normalize();

  @RegisterExtension static final WireMockExtension linode = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static List<List<String>> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers=" + REGISTRY
        + ";baseUrl.linode=http://127.0.0.1:" + linode.getPort()
        + ";auth={\"linode\": {\"type\": \"bearer\", \"credentialsenvvar\": \"CREDQL_TEST_TOKEN\"}}");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  @Test void replaceSendsSetAsThePutBodyAndReturnsTheUpdatedInstance() throws SQLException {
    linode.stubFor(put(urlPathEqualTo("/databases/mysql/instances/131")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": 131, \"label\": \"shop-catalog-2\", \"status\": \"updating\"}")));
    assertEquals(List.of(List.of("131", "shop-catalog-2", "updating")), query(
        "REPLACE linode.databases.mysql_instances SET label = 'shop-catalog-2'"
            + " WHERE instanceId = 131 RETURNING id, label, status"));
    linode.verify(1, putRequestedFor(urlPathEqualTo("/databases/mysql/instances/131"))
        .withHeader("Authorization", equalTo("Bearer engine-test-token"))
        .withRequestBody(equalToJson("{\"label\": \"shop-catalog-2\"}")));
  }

  @Test void insertSelectReturningCreatesAnInstanceAsStackqlsReferencePagesShow() throws SQLException {
    linode.stubFor(post(urlPathEqualTo("/databases/mysql/instances")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": 140, \"label\": \"orders\", \"status\": \"provisioning\"}")));
    assertEquals(List.of(List.of("140", "provisioning")), query(
        "INSERT INTO linode.databases.mysql_instances (\nlabel,\nregion,\ntype,\nengine\n)\n"
            + "SELECT\n'orders',\n'us-east',\n'g6-dedicated-2',\n'mysql/8'\nRETURNING\nid,\nstatus"));
    linode.verify(1, postRequestedFor(urlPathEqualTo("/databases/mysql/instances"))
        .withRequestBody(equalToJson("{\"label\": \"orders\", \"region\": \"us-east\","
            + " \"type\": \"g6-dedicated-2\", \"engine\": \"mysql/8\"}")));
  }
}
