package io.credql.plan;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A listing whose document declares {@code queryParamPushdown} is asked for only the rows, fields
 * and order the query wants ({@code $filter}, {@code $select}, {@code $orderby}, or parameters of
 * the document's own naming), and the query's rows are the same whether the API honours them or not.
 */
class ResourcePushdownRuleTest {
  private static final String PEOPLE = "{\"value\": ["
      + "{\"UserName\": \"ann\", \"FirstName\": \"Ann\", \"Age\": 25},"
      + "{\"UserName\": \"bob\", \"FirstName\": \"Bob\", \"Age\": 41},"
      + "{\"UserName\": \"cy\", \"FirstName\": \"Cy\", \"Age\": 37}]}";
  private static final String AIRPORTS = "{\"value\": ["
      + "{\"Name\": \"Kastrup\", \"IcaoCode\": \"EKCH\", \"City\": \"Copenhagen\", \"Elevation\": 5},"
      + "{\"Name\": \"Arlanda\", \"IcaoCode\": \"ESSA\", \"City\": \"Stockholm\", \"Elevation\": 42}]}";

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void anApiThatIgnoresEveryPushedParameter() {
    api.stubFor(get(urlPathEqualTo("/api/odata/people")).atPriority(9).willReturn(json(PEOPLE)));
    api.stubFor(get(urlPathEqualTo("/api/odata/airports")).atPriority(9).willReturn(json(AIRPORTS)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  /** The API honours {@code parameter = value} on the people list by answering {@code body}. */
  private static void honours(String parameter, String value, String body) {
    final MappingBuilder mapping = get(urlPathEqualTo("/api/odata/people"))
        .withQueryParam(parameter, equalTo(value));
    api.stubFor(mapping.atPriority(1).willReturn(json(body)));
  }

  private static List<String> rows(String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = TestProviders.in("layered-providers").calling("layered", AcmeApi.base(api) + "/api").connect();
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static LoggedRequest onlyRequest() {
    assertEquals(1, api.getAllServeEvents().size());
    return api.getAllServeEvents().get(0).getRequest();
  }

  private static String query(String name) {
    return onlyRequest().queryParameter(name).isPresent() ? onlyRequest().queryParameter(name).firstValue() : null;
  }

  @Test void aFilterOnResponseFieldsGoesToTheApiAsODataAndTheRowsAreTheSameEitherWay() throws SQLException {
    final String sql = "SELECT UserName FROM layered.odata.people WHERE Age > 30 AND FirstName LIKE 'B%'";
    assertEquals(List.of("bob"), rows(sql), "an API that ignores $filter");
    assertEquals("Age gt 30 and startswith(FirstName,'B')", query("$filter"));
    api.resetRequests();
    honours("$filter", "Age gt 30 and startswith(FirstName,'B')",
        "{\"value\": [{\"UserName\": \"bob\", \"FirstName\": \"Bob\", \"Age\": 41}]}");
    assertEquals(List.of("bob"), rows(sql), "an API that honours it");
  }

  @Test void aStringValueIsQuotedAsODataQuotesIt() throws SQLException {
    assertEquals(List.of(), rows("SELECT Age FROM layered.odata.people WHERE UserName = 'o''brien'"));
    assertEquals("UserName eq 'o''brien'", query("$filter"));
  }

  @Test void theFieldsTheQueryReadsGoToTheApiAsSelectAndMissingOthersChangeNothing() throws SQLException {
    final String sql = "SELECT UserName FROM layered.odata.people WHERE Age < 30";
    assertEquals(List.of("ann"), rows(sql));
    assertEquals("UserName,Age", query("$select"), "the filter's fields are asked for too");
    api.resetRequests();
    honours("$select", "UserName,Age", "{\"value\": [{\"UserName\": \"ann\", \"Age\": 25},"
        + " {\"UserName\": \"bob\", \"Age\": 41}]}");
    assertEquals(List.of("ann"), rows(sql));
  }

  @Test void theOrderGoesToTheApiAsOrderByAndTheEngineStillSorts() throws SQLException {
    final String sql = "SELECT UserName FROM layered.odata.people ORDER BY Age DESC";
    assertEquals(List.of("bob", "cy", "ann"), rows(sql));
    assertEquals("Age desc", query("$orderby"));
    api.resetRequests();
    honours("$orderby", "Age desc", "{\"value\": ["
        + "{\"UserName\": \"bob\", \"Age\": 41}, {\"UserName\": \"cy\", \"Age\": 37}, {\"UserName\": \"ann\", \"Age\": 25}]}");
    assertEquals(List.of("bob", "cy", "ann"), rows(sql));
  }

  @Test void aPredicateTheDocumentDoesNotListStaysWithTheEngine() throws SQLException {
    assertEquals(List.of("Arlanda"), rows("SELECT Name FROM layered.odata.airports"
        + " WHERE City = 'Stockholm' AND Elevation > 10"));
    assertNull(query("where"), "City and Elevation are not among the supported columns");
    api.resetRequests();
    assertEquals(List.of("Arlanda"), rows("SELECT Name FROM layered.odata.airports"
        + " WHERE Name <> 'Kastrup'"));
    assertNull(query("where"), "only eq is supported");
    api.resetRequests();
    assertEquals(List.of("Kastrup"), rows("SELECT Name FROM layered.odata.airports WHERE Name = 'Kastrup'"));
    assertEquals("Name eq 'Kastrup'", query("where"), "a parameter of the document's naming");
  }

  @Test void aProjectionOrOrderThatNamesAnUnlistedFieldIsNotPushedAtAll() throws SQLException {
    assertEquals(List.of("Kastrup EKCH"), rows("SELECT Name, IcaoCode FROM layered.odata.airports WHERE Elevation < 10"));
    assertNull(query("fields"), "Elevation is read too, and is not listed");
    api.resetRequests();
    assertEquals(List.of("EKCH", "ESSA"), rows("SELECT IcaoCode FROM layered.odata.airports ORDER BY IcaoCode"));
    assertEquals("IcaoCode", query("fields"), "a delimiter of its own would join several");
    assertNull(query("sort"), "IcaoCode is not among the columns orderBy lists");
    api.resetRequests();
    assertEquals(List.of("Arlanda Stockholm", "Kastrup Copenhagen"),
        rows("SELECT Name, City FROM layered.odata.airports ORDER BY Name"));
    assertNull(query("fields"), "City is not listed for select");
    assertEquals("Name asc", query("sort"));
  }

  @Test void aLimitWithoutFilterOrOrderStillAsksForTopAlongsideTheFields() throws SQLException {
    assertEquals(List.of("ann"), rows("SELECT UserName FROM layered.odata.people LIMIT 1"));
    assertEquals("1", query("$top"));
    assertEquals("UserName", query("$select"));
  }
}
