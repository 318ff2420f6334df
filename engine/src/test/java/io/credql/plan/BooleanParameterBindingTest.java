package io.credql.plan;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A required boolean parameter is bound however WHERE says it: {@code flag = true}, which Calcite
 * simplifies to {@code flag}, and {@code flag = false} or {@code NOT flag}, which it simplifies to
 * {@code NOT flag} (GoDaddy's {@code domains.agreements} requires {@code privacy} so).
 */
class BooleanParameterBindingTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static long firstId(String where) throws SQLException {
    api.stubFor(get(urlPathEqualTo("/v1/runs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("[{\"id\": 7}]")));
    try (Connection c = TestProviders.in("binding-providers").calling("runs", AcmeApi.base(api) + "/v1").connect();
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM runs.core.runs WHERE " + where)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test void aBooleanParameterComparedWithTrueIsSent() throws SQLException {
    assertEquals(7, firstId("finished = true"));
    api.verify(1, getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("finished", equalTo("true")));
  }

  @Test void aBooleanParameterComparedWithFalseOrNegatedIsSent() throws SQLException {
    assertEquals(7, firstId("finished = false"));
    assertEquals(7, firstId("NOT finished"));
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("finished", equalTo("false")));
  }
}
