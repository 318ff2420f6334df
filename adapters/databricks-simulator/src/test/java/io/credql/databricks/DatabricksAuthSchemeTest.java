package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.CredqlException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.sandbox.SettableClock;
import io.credql.spi.RecordingAuthContext;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DatabricksAuthScheme} on its own, against simulators that share its clock: which
 * credential it sends, how often it asks for an OAuth token, and what it says when it cannot.
 */
class DatabricksAuthSchemeTest {
  private static final String CONFIG = "{\"type\": \"databricks\", \"token_env_var\": \"DATABRICKS_TOKEN\","
      + " \"client_id_env_var\": \"DATABRICKS_CLIENT_ID\", \"client_secret_env_var\": \"DATABRICKS_CLIENT_SECRET\","
      + " \"scopes\": [\"all-apis\"]}";
  private static final String PAT = "dapi-users-own-token";
  private static final String CLIENT_ID = "sp-id";
  private static final String CLIENT_SECRET = "dose-sp-secret";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-09-01T12:00:00Z"));
  private final List<DatabricksSimulator> started = new ArrayList<>();

  @AfterEach void stop() {
    started.forEach(DatabricksSimulator::close);
  }

  private DatabricksSimulator workspace(Duration tokenLifetime) {
    final DatabricksSimulator sim = DatabricksSimulator.builder().personalAccessToken(PAT)
        .servicePrincipal(CLIENT_ID, CLIENT_SECRET).accessTokenLifetime(tokenLifetime).clock(clock)
        .dataset(DatabricksDataset.demo()).build().start();
    started.add(sim);
    return sim;
  }

  private DatabricksAuthScheme scheme(RecordingAuthContext context) throws Exception {
    final JsonNode config = new ObjectMapper().readTree(CONFIG);
    return DatabricksAuthScheme.Factory.create(config, context, clock);
  }

  private static RecordingAuthContext environment(String... pairs) {
    final RecordingAuthContext context = new RecordingAuthContext("databricks_workspace");
    for (int i = 0; i < pairs.length; i += 2) {
      context.set(pairs[i], pairs[i + 1]);
    }
    return context;
  }

  private static String bearer(DatabricksAuthScheme scheme, DatabricksSimulator sim) throws Exception {
    final Request request = new Request.Builder().url(sim.baseUrl() + "/api/2.0/database/instances").build();
    final String header = scheme.authenticate(request).header("Authorization");
    assertTrue(header != null && header.startsWith("Bearer "), String.valueOf(header));
    return header.substring("Bearer ".length());
  }

  @Test void oneTokenServesEveryCallUntilAMinuteBeforeItExpires() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final DatabricksAuthScheme scheme = scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID,
        "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET));
    final String first = bearer(scheme, sim);
    assertEquals(first, bearer(scheme, sim));
    clock.advance(Duration.ofMinutes(58).plusSeconds(59));
    assertEquals(first, bearer(scheme, sim));
    assertEquals(1, sim.tokenRequestCount());
    clock.advance(Duration.ofSeconds(1));
    final String second = bearer(scheme, sim);
    assertNotEquals(first, second);
    assertEquals(2, sim.tokenRequestCount());
    assertEquals(2, sim.requestCount(), "only token requests were sent");
  }

  @Test void aShortLivedTokenIsReplacedHalfwayThroughItsLife() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofSeconds(60));
    final DatabricksAuthScheme scheme = scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID,
        "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET));
    final String first = bearer(scheme, sim);
    clock.advance(Duration.ofSeconds(29));
    assertEquals(first, bearer(scheme, sim));
    clock.advance(Duration.ofSeconds(1));
    assertNotEquals(first, bearer(scheme, sim));
  }

  @Test void eachWorkspaceGetsItsOwnToken() throws Exception {
    final DatabricksSimulator one = workspace(Duration.ofHours(1));
    final DatabricksSimulator two = workspace(Duration.ofHours(1));
    final DatabricksAuthScheme scheme = scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID,
        "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET));
    assertNotEquals(bearer(scheme, one), bearer(scheme, two));
    bearer(scheme, one);
    assertEquals(1, one.tokenRequestCount());
    assertEquals(1, two.tokenRequestCount());
  }

  @Test void clientCredentialsWinOverAPersonalAccessTokenWhichIsThenNeverRead() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final RecordingAuthContext context = environment("DATABRICKS_TOKEN", PAT, "DATABRICKS_CLIENT_ID", CLIENT_ID,
        "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET);
    final String token = bearer(scheme(context), sim);
    assertNotEquals(PAT, token);
    assertEquals(1, sim.tokenRequestCount());
    assertFalse(context.secrets().contains(PAT), context.secrets().toString());
    assertTrue(context.secrets().contains(token), "the issued token is masked like any secret");
    assertTrue(context.secrets().contains(CLIENT_SECRET));
  }

  @Test void aPersonalAccessTokenAloneIsSentAsIsWithoutATokenRequest() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    assertEquals(PAT, bearer(scheme(environment("DATABRICKS_TOKEN", PAT)), sim));
    assertEquals(0, sim.requestCount());
  }

  @Test void withNoCredentialAtAllTheErrorNamesEveryVariableAndNothingIsSent() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final MissingCredentialException e = assertThrows(MissingCredentialException.class,
        () -> bearer(scheme(environment()), sim));
    for (String variable : List.of("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET")) {
      assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test void halfAClientCredentialPairNamesTheMissingHalf() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final MissingCredentialException e = assertThrows(MissingCredentialException.class,
        () -> bearer(scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID)), sim));
    assertTrue(e.getMessage().contains("DATABRICKS_CLIENT_SECRET"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aRefusedClientSecretIsReportedWithTheTokenEndpointsCodeAndNoApiCall() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> bearer(
        scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID, "DATABRICKS_CLIENT_SECRET", "dose-wrong")), sim));
    assertEquals(401, e.httpStatus());
    assertEquals("invalid_client", e.providerCode());
    assertTrue(e.getMessage().contains("Client authentication failed"), e.getMessage());
    assertTrue(e.getMessage().contains("DATABRICKS_CLIENT_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("dose-wrong"), e.getMessage());
    assertEquals(1, sim.tokenRequestCount());
    assertEquals(1, sim.requestCount());
  }

  @Test void anUnreachableTokenEndpointSaysNothingElseWasSent() throws Exception {
    final DatabricksSimulator sim = workspace(Duration.ofHours(1));
    final String url = sim.baseUrl();
    sim.close();
    final DatabricksAuthScheme scheme = scheme(environment("DATABRICKS_CLIENT_ID", CLIENT_ID,
        "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET));
    final CredqlException e = assertThrows(CredqlException.class, () -> scheme.authenticate(
        new Request.Builder().url(url + "/api/2.0/postgres/credentials").build()));
    assertTrue(e.getMessage().contains("cannot get an OAuth token"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing else was sent"), e.getMessage());
  }
}
