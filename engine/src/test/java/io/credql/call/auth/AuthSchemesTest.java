package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.CredqlException;
import io.credql.error.MissingCredentialException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auth types of StackQL's provider.yaml put credentials where the provider's document says. */
class AuthSchemesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Request REQUEST = new Request.Builder().url("https://api.test/v1/things?a=1").build();

  /** An environment of fixed variables that remembers which values were registered as secrets. */
  private static final class FixedEnvironment implements AuthContext {
    final Map<String, String> variables;
    final List<String> secrets = new ArrayList<>();

    FixedEnvironment(Map<String, String> variables) {
      this.variables = variables;
    }

    @Override public String providerName() {
      return "acme";
    }

    @Override public @Nullable String getenv(String name) {
      return variables.get(name);
    }

    @Override public String requireSecret(String name) throws MissingCredentialException {
      final String value = variables.get(name);
      if (value == null) {
        throw new MissingCredentialException("environment variable " + name + " is not set");
      }
      secrets.add(value);
      return value;
    }

    @Override public OkHttpClient httpClient() {
      throw new UnsupportedOperationException("no token endpoint in these tests");
    }

    @Override public void registerSecret(String value) {
      secrets.add(value);
    }
  }

  private static Request authenticate(AuthSchemeFactory factory, String config, FixedEnvironment environment)
      throws Exception {
    final JsonNode node = JSON.readTree(config);
    return factory.create(node, environment).authenticate(REQUEST);
  }

  @Test void anApiKeyGoesInTheNamedHeaderAfterItsPrefix() throws Exception {
    final Request request = authenticate(new BearerAuthScheme.ApiKey(),
        "{\"type\": \"api_key\", \"name\": \"Authorization\", \"valuePrefix\": \"SSWS \","
            + " \"credentialsenvvar\": \"OKTA_API_TOKEN\"}",
        new FixedEnvironment(Map.of("OKTA_API_TOKEN", "00abc")));
    assertEquals("SSWS 00abc", request.header("Authorization"));
  }

  @Test void anApiKeyInTheQueryIsAQueryParameterAndAKnownSecret() throws Exception {
    final FixedEnvironment environment = new FixedEnvironment(Map.of("MY_API_KEY", "k-123"));
    final Request request = authenticate(new BearerAuthScheme.ApiKey(),
        "{\"type\": \"api_key\", \"name\": \"key\", \"location\": \"query\", \"api_key_var\": \"MY_API_KEY\"}",
        environment);
    assertEquals("k-123", request.url().queryParameter("key"));
    assertEquals("1", request.url().queryParameter("a"));
    assertNull(request.header("Authorization"));
    assertTrue(environment.secrets.contains("k-123"));
  }

  @Test void customAuthSendsTheNamedHeader() throws Exception {
    final Request request = authenticate(new BearerAuthScheme.Custom(),
        "{\"type\": \"custom\", \"name\": \"X-Api-Token\", \"credentialsenvvar\": \"TOKEN\"}",
        new FixedEnvironment(Map.of("TOKEN", "t0k")));
    assertEquals("t0k", request.header("X-Api-Token"));
  }

  @Test void basicAuthJoinsUserAndPassword() throws Exception {
    final Request request = authenticate(new BasicAuthScheme.Factory(),
        "{\"type\": \"basic\", \"username_var\": \"U\", \"password_var\": \"P\"}",
        new FixedEnvironment(Map.of("U", "alice", "P", "pw")));
    assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes()),
        request.header("Authorization"));
  }

  @Test void basicAuthTakesReadyBase64CredentialsFromOneVariable() throws Exception {
    final String encoded = Base64.getEncoder().encodeToString("bob:secret".getBytes());
    final FixedEnvironment environment = new FixedEnvironment(Map.of("CREDS", encoded));
    final Request request = authenticate(new BasicAuthScheme.Factory(),
        "{\"type\": \"basic\", \"credentialsenvvar\": \"CREDS\"}", environment);
    assertEquals("Basic " + encoded, request.header("Authorization"));
    assertTrue(environment.secrets.contains(encoded));
  }

  @Test void aMissingVariableIsNamedAndNothingIsSent() {
    final CredqlException e = assertThrows(CredqlException.class, () -> authenticate(new BearerAuthScheme.Bearer(),
        "{\"type\": \"bearer\", \"credentialsenvvar\": \"NOT_SET_ANYWHERE\"}", new FixedEnvironment(Map.of())));
    assertTrue(e.getMessage().contains("NOT_SET_ANYWHERE"), e.getMessage());
  }

  @Test void githubsProviderConfigSendsBasicCredentialsFromItsVariables() throws Exception {
    final io.credql.session.ProviderCatalog catalog = io.credql.session.ProviderCatalog.create(
        List.of(), List.of(io.credql.ConformanceDocuments.stackqlRegistry()));
    final JsonNode auth = catalog.provider("github").config().path("auth");
    final FixedEnvironment environment = new FixedEnvironment(Map.of(
        "STACKQL_GITHUB_USERNAME", "octocat", "STACKQL_GITHUB_PASSWORD", "ghp_token"));
    final Request request = new BasicAuthScheme.Factory().create(auth, environment).authenticate(REQUEST);
    assertEquals("Basic " + Base64.getEncoder().encodeToString("octocat:ghp_token".getBytes()),
        request.header("Authorization"));
    assertTrue(environment.secrets.contains("ghp_token"));
  }
}
