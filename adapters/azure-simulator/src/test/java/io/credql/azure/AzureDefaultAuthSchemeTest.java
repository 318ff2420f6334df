package io.credql.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.CredqlException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.spi.AuthScheme;
import io.credql.spi.RecordingAuthContext;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code azure_default} scheme against the simulated Entra ID tenant: MSAL's cache serves one
 * token to every request and replaces it before it expires; a refusal is Entra ID's code and text,
 * and nothing else is sent.
 */
class AzureDefaultAuthSchemeTest {
  private static final String TENANT = "7e57c0de-0000-4000-8000-00000000a2e1";
  private static final String CLIENT_ID = "c11e0000-0000-4000-8000-000000000001";
  private static final String SECRET = "sim~client-secret-value";
  private final List<FlexibleServersSimulator> started = new ArrayList<>();

  @AfterEach void stop() {
    started.forEach(FlexibleServersSimulator::close);
  }

  private FlexibleServersSimulator tenant(Duration tokenLifetime) {
    final FlexibleServersSimulator sim = FlexibleServersSimulator.builder()
        .application(TENANT, CLIENT_ID, SECRET).tokenLifetime(tokenLifetime).build().start();
    started.add(sim);
    return sim;
  }

  private static AuthScheme scheme(FlexibleServersSimulator sim, RecordingAuthContext context) throws Exception {
    return new AzureDefaultAuthScheme.Factory().create(new ObjectMapper().readTree(
        "{\"type\": \"azure_default\", \"authority_host\": \"" + sim.baseUrl() + "\"}"), context);
  }

  private static RecordingAuthContext application(String secret) {
    return new RecordingAuthContext("azure").set("AZURE_TENANT_ID", TENANT)
        .set("AZURE_CLIENT_ID", CLIENT_ID).set("AZURE_CLIENT_SECRET", secret);
  }

  private static String bearer(AuthScheme scheme, FlexibleServersSimulator sim) throws Exception {
    return scheme.authenticate(new Request.Builder().url(sim.baseUrl() + "/subscriptions").build())
        .header("Authorization");
  }

  @Test void oneTokenServesEveryRequestOfTheConnection() throws Exception {
    final FlexibleServersSimulator sim = tenant(Duration.ofHours(1));
    final RecordingAuthContext context = application(SECRET);
    final AuthScheme scheme = scheme(sim, context);
    final String first = bearer(scheme, sim);
    for (int i = 0; i < 5; i++) {
      assertEquals(first, bearer(scheme, sim));
    }
    assertEquals(1, sim.tokenRequestCount());
    assertTrue(context.secrets().contains(first.substring("Bearer ".length())), "the token is masked everywhere");
  }

  @Test void aTokenWithLessThanFiveMinutesLeftIsReplacedBeforeItIsUsed() throws Exception {
    // MSAL renews a token five minutes before it expires: one issued for 299 s is never reused
    final FlexibleServersSimulator sim = tenant(Duration.ofSeconds(299));
    final AuthScheme scheme = scheme(sim, application(SECRET));
    bearer(scheme, sim);
    bearer(scheme, sim);
    assertEquals(2, sim.tokenRequestCount());
  }

  @Test void aWrongSecretIsEntraIdsInvalidClientAndNothingElseIsSent() throws Exception {
    final FlexibleServersSimulator sim = tenant(Duration.ofHours(1));
    final AuthScheme scheme = scheme(sim, application("not-the-secret"));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("[invalid_client] AADSTS7000215: Invalid client secret provided"), e.getMessage());
    assertTrue(e.getMessage().contains("AZURE_CLIENT_SECRET") && e.getMessage().contains("nothing else was sent"),
        e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    assertEquals(0, sim.armRequestCount());
  }

  @Test void missingVariablesAreNamedTogetherAndNothingIsSent() throws Exception {
    final FlexibleServersSimulator sim = tenant(Duration.ofHours(1));
    final AuthScheme scheme = scheme(sim, new RecordingAuthContext("azure").set("AZURE_CLIENT_ID", CLIENT_ID));
    final MissingCredentialException e = assertThrows(MissingCredentialException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("AZURE_CLIENT_SECRET, AZURE_TENANT_ID"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void anAuthorityHostOverPlainHttpElsewhereThanLoopbackIsRefused() throws Exception {
    final AuthScheme scheme = new AzureDefaultAuthScheme.Factory().create(new ObjectMapper().readTree(
        "{\"type\": \"azure_default\", \"authority_host\": \"http://login.example.com\"}"), application(SECRET));
    final CredqlException e = assertThrows(CredqlException.class, () -> scheme.authenticate(
        new Request.Builder().url("https://management.azure.com/subscriptions").build()));
    assertTrue(e.getMessage().contains("must be an https URL"), e.getMessage());
  }
}
