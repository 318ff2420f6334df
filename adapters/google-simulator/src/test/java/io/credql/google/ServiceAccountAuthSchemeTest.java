package io.credql.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.error.CredqlException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.sandbox.SettableClock;
import io.credql.spi.RecordingAuthContext;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The {@code service_account} scheme against the simulator's token endpoint, which checks each
 * assertion with the JDK and the key's public half only: tokens are kept and renewed before they
 * expire, and a key the account does not own is refused before any API call.
 */
class ServiceAccountAuthSchemeTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-09-01T12:00:00Z"));
  private final List<CloudSqlSimulator> started = new ArrayList<>();

  @AfterEach void stop() {
    started.forEach(CloudSqlSimulator::close);
  }

  private CloudSqlSimulator project() {
    final CloudSqlSimulator sim = CloudSqlSimulator.builder().clock(clock).build().start();
    started.add(sim);
    return sim;
  }

  private ServiceAccountAuthScheme scheme(RecordingAuthContext context) throws Exception {
    return ServiceAccountAuthScheme.Factory.create(new ObjectMapper().readTree(
        "{\"type\": \"service_account\", \"credentialsenvvar\": \"GOOGLE_CREDENTIALS\"}"), context, clock);
  }

  private static String bearer(ServiceAccountAuthScheme scheme, CloudSqlSimulator sim) throws Exception {
    final Request signed = scheme.authenticate(new Request.Builder().url(sim.baseUrl() + "/v1/projects/x/instances").build());
    return signed.header("Authorization");
  }

  @Test void oneTokenServesEveryRequestUntilShortlyBeforeItExpires() throws Exception {
    final CloudSqlSimulator sim = project();
    final RecordingAuthContext context = new RecordingAuthContext("google")
        .set("GOOGLE_CREDENTIALS", sim.serviceAccountKeyJson());
    final ServiceAccountAuthScheme scheme = scheme(context);
    final String first = bearer(scheme, sim);
    assertTrue(first.startsWith("Bearer ya29."), first);
    for (int i = 0; i < 5; i++) {
      assertEquals(first, bearer(scheme, sim));
    }
    assertEquals(1, sim.tokenRequestCount());
    assertTrue(context.secrets().contains(first.substring("Bearer ".length())), "the token is masked everywhere");

    clock.advance(Duration.ofSeconds(3599 - 60));
    final String renewed = bearer(scheme, sim);
    assertNotEquals(first, renewed, "renewed a minute before the token's expiry");
    assertEquals(2, sim.tokenRequestCount());
  }

  @Test void aKeyFileNamedByPathWorksLikeTheJsonItself(@TempDir Path keys) throws Exception {
    final CloudSqlSimulator sim = project();
    final Path file = keys.resolve("key.json");
    Files.writeString(file, sim.serviceAccountKeyJson());
    final ServiceAccountAuthScheme scheme = scheme(new RecordingAuthContext("google")
        .set("GOOGLE_CREDENTIALS", file.toString()));
    assertTrue(bearer(scheme, sim).startsWith("Bearer ya29."));
  }

  @Test void anAssertionSignedWithAnotherKeyIsRefusedWithGooglesInvalidGrant() throws Exception {
    final CloudSqlSimulator sim = project();
    final CloudSqlSimulator other = CloudSqlSimulator.builder().clock(clock).keyOfItsOwn().build().start();
    started.add(other);
    // the other project's key, sent to this project's token endpoint under this key's id: only the
    // signature gives it away
    final ObjectNode foreign = (ObjectNode) new ObjectMapper().readTree(other.serviceAccountKeyJson(sim.baseUrl() + "/token"));
    foreign.put("private_key_id", new ObjectMapper().readTree(sim.serviceAccountKeyJson()).path("private_key_id").asText());
    final String foreignKey = foreign.toString();
    final ServiceAccountAuthScheme scheme = scheme(new RecordingAuthContext("google")
        .set("GOOGLE_CREDENTIALS", foreignKey));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("[invalid_grant]"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing else was sent"), e.getMessage());
    assertFalse(e.getMessage().contains("PRIVATE KEY"), e.getMessage());
    assertEquals(0, sim.apiRequestCount());
  }

  @Test void anAssertionFromAClockFarOffIsRefusedAsGoogleRefusesIt() throws Exception {
    final CloudSqlSimulator sim = CloudSqlSimulator.builder().build().start();
    started.add(sim);
    clock.advance(Duration.ofHours(2));
    final ServiceAccountAuthScheme scheme = scheme(new RecordingAuthContext("google")
        .set("GOOGLE_CREDENTIALS", sim.serviceAccountKeyJson()));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("Check your iat and exp values"), e.getMessage());
  }

  @Test void withoutTheVariableTheErrorNamesItAndNothingIsSent() throws Exception {
    final CloudSqlSimulator sim = project();
    final ServiceAccountAuthScheme scheme = scheme(new RecordingAuthContext("google"));
    final MissingCredentialException e = assertThrows(MissingCredentialException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("GOOGLE_CREDENTIALS"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aKeyOfAnotherKindIsRefusedWithoutQuotingIt() throws Exception {
    final CloudSqlSimulator sim = project();
    final ServiceAccountAuthScheme scheme = scheme(new RecordingAuthContext("google").set("GOOGLE_CREDENTIALS",
        "{\"type\": \"authorized_user\", \"client_secret\": \"s3cr3t-value\", \"refresh_token\": \"r\"}"));
    final CredqlException e = assertThrows(CredqlException.class, () -> bearer(scheme, sim));
    assertTrue(e.getMessage().contains("authorized_user") && e.getMessage().contains("service account key"),
        e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }
}
