package io.credql.conformance;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.ConformanceDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * StackQL's own Snowflake document, unchanged, against a fake answering as Snowflake's SQL API
 * reference shows ({@code GET /api/v2/databases/{database}/database-roles} answers a bare JSON
 * list): the document's Go-template transform wraps the list, its {@code snake_case_aliases} name
 * the columns and parameters, {@code queryParamPushdown.top} asks for no more rows than LIMIT reads,
 * and {@code auth=} replaces the document's credentials variable.
 */
class SnowflakeRolesTest {
  private static final String ROLES = "[{\"name\": \"ANALYST\", \"comment\": \"reads\", \"created_on\":"
      + " \"2024-05-01T10:00:00Z\", \"granted_to_roles\": 2, \"granted_to_database_roles\": 0,"
      + " \"granted_database_roles\": 1, \"owner\": \"SYSADMIN\", \"owner_role_type\": \"ROLE\"},"
      + " {\"name\": \"LOADER\", \"comment\": \"writes\", \"created_on\": \"2024-05-02T10:00:00Z\","
      + " \"granted_to_roles\": 0, \"granted_to_database_roles\": 1, \"granted_database_roles\": 0,"
      + " \"owner\": \"SYSADMIN\", \"owner_role_type\": \"ROLE\"}]";

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + ConformanceDocuments.stackqlRegistry()
        + ";baseUrl.snowflake=http://127.0.0.1:" + api.getPort()
        + ";auth={\"snowflake\": {\"type\": \"bearer\", \"credentialsenvvar\": \"CREDQL_TEST_TOKEN\"}}");
  }

  private static List<String> rows(String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getLong(2));
      }
    }
    return rows;
  }

  @Test void databaseRolesAreReadFromTheWrappedListWithSnakeCaseParameters() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/api/v2/databases/TEST_DB/database-roles"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ROLES)));
    assertEquals(List.of("LOADER 0"), rows("SELECT name, granted_to_roles FROM snowflake.roles.database_roles"
        + " WHERE endpoint = 'myorg-acct' AND database_name = 'TEST_DB' AND from_name = 'L'"
        + " AND comment = 'writes'"));
    final LoggedRequest request = api.getAllServeEvents().get(0).getRequest();
    assertEquals("L", request.queryParameter("fromName").firstValue());
    assertEquals("Bearer engine-test-token", request.getHeader("Authorization"));
  }

  @Test void aLimitIsPushedAsShowLimitAndStillApplied() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/api/v2/databases/TEST_DB/database-roles"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ROLES)));
    assertEquals(List.of("ANALYST 2"), rows("SELECT name, granted_to_roles FROM snowflake.roles.database_roles"
        + " WHERE endpoint = 'myorg-acct' AND database_name = 'TEST_DB' LIMIT 1"));
    assertEquals("1", api.getAllServeEvents().get(0).getRequest().queryParameter("showLimit").firstValue());
  }

  @Test void likeIsStackqlsPlainParameterNameBesideTheLikeOperatorAndLimit() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/api/v2/roles"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ROLES)));
    assertEquals(List.of("LOADER 0"), rows("SELECT name, granted_to_roles FROM snowflake.roles.roles"
        + " WHERE endpoint = 'myorg-acct' AND like = '%A%' AND comment LIKE 'wr%' LIMIT 1"));
    final LoggedRequest request = api.getAllServeEvents().get(0).getRequest();
    assertEquals("%A%", request.queryParameter("like").firstValue());
  }
}
