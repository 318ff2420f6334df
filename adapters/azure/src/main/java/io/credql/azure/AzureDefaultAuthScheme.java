package io.credql.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.credql.call.auth.OAuth2ClientCredentials;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderUnreachableException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Azure authentication, {@code config.auth.type: azure_default}: an Entra ID application's client
 * secret ({@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET}, {@code AZURE_TENANT_ID}) exchanged
 * for a token of {@code https://management.azure.com/.default}, sent as {@code Authorization:
 * Bearer}. This is the environment credential that Azure's {@code DefaultAzureCredential} tries
 * first; the other links of that chain (managed identity, the Azure CLI's login) are not tried.
 *
 * <p>MSAL for Java does the exchange and keeps the token in its cache for this connection,
 * replacing it five minutes before it expires, so one token request serves every call in between.
 * The authority host is {@code https://login.microsoftonline.com} unless {@code authority_host}
 * (in the auth config) or {@code AZURE_AUTHORITY_HOST} names another.
 */
public final class AzureDefaultAuthScheme implements AuthScheme {
  /** Entra ID's public cloud. */
  static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
  /** What Azure Resource Manager accepts. */
  static final String MANAGEMENT_SCOPE = "https://management.azure.com/.default";
  private static final int TOKEN_TIMEOUT_SECONDS = 60;

  private final AuthContext context;
  private final String clientIdVariable;
  private final String clientSecretVariable;
  private final String tenantIdVariable;
  private final @Nullable String configuredAuthorityHost;
  private final String scope;
  private @Nullable ConfidentialClientApplication application;
  private @Nullable String applicationKey;

  AzureDefaultAuthScheme(AuthContext context, String clientIdVariable, String clientSecretVariable,
      String tenantIdVariable, @Nullable String configuredAuthorityHost, String scope) {
    this.context = requireNonNull(context, "context");
    this.clientIdVariable = requireNonNull(clientIdVariable, "clientIdVariable");
    this.clientSecretVariable = requireNonNull(clientSecretVariable, "clientSecretVariable");
    this.tenantIdVariable = requireNonNull(tenantIdVariable, "tenantIdVariable");
    this.configuredAuthorityHost = configuredAuthorityHost;
    this.scope = requireNonNull(scope, "scope");
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final ConfidentialClientApplication app = application();
    final IAuthenticationResult result;
    try {
      result = app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build())
          .get(TOKEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException(context.providerName() + ": interrupted while getting"
          + " an Entra ID token; nothing else was sent", e);
    } catch (TimeoutException e) {
      throw new ProviderUnreachableException(context.providerName() + ": no Entra ID token from "
          + app.authority() + " within " + TOKEN_TIMEOUT_SECONDS + " s; nothing else was sent", e);
    } catch (ExecutionException e) {
      throw refused(app.authority(), e.getCause());
    }
    context.registerSecret(result.accessToken());
    return request.newBuilder().header("Authorization", "Bearer " + result.accessToken()).build();
  }

  /** The application of the current variables, made once (again if they change). */
  private synchronized ConfidentialClientApplication application() throws CredqlException {
    final String clientId = context.getenv(clientIdVariable);
    final String tenantId = context.getenv(tenantIdVariable);
    final String secret = context.getenv(clientSecretVariable);
    final List<String> missing = new ArrayList<>();
    for (String[] variable : new String[][] {{clientIdVariable, clientId}, {clientSecretVariable, secret},
        {tenantIdVariable, tenantId}}) {
      if (variable[1] == null) {
        missing.add(variable[0]);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingCredentialException("no credentials for " + context.providerName() + ": set "
          + String.join(", ", missing) + " (an Entra ID application's client ID, client secret and"
          + " tenant ID); nothing was sent");
    }
    final String clientSecret = context.requireSecret(clientSecretVariable);
    final String host = configuredAuthorityHost != null ? configuredAuthorityHost
        : context.getenv("AZURE_AUTHORITY_HOST") != null ? context.getenv("AZURE_AUTHORITY_HOST")
        : DEFAULT_AUTHORITY_HOST;
    final String key = clientId + "\n" + tenantId + "\n" + host + "\n" + clientSecret.hashCode();
    if (application != null && key.equals(applicationKey)) {
      return application;
    }
    final HttpUrl authorityHost = HttpUrl.parse(host.endsWith("/") ? host : host + "/");
    if (authorityHost == null || !OAuth2ClientCredentials.isSecureEndpoint(authorityHost)) {
      throw new InvalidInputException("auth of " + context.providerName() + ": the authority host must be"
          + " an https URL (http only towards loopback), not " + host);
    }
    if (!requireNonNull(tenantId, "tenantId").matches("[A-Za-z0-9.-]+")) { // not missing: checked above
      throw new InvalidInputException(tenantIdVariable + " must be a tenant ID or domain name");
    }
    final String authority = "https://" + authorityHost.host() + "/" + tenantId + "/";
    try {
      final ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
          .builder(clientId, ClientCredentialFactory.createFromSecret(clientSecret))
          .authority(authority)
          .httpClient(new MsalHttpClient(context.httpClient(), authorityHost))
          .logPii(false);
      if (!DEFAULT_AUTHORITY_HOST.equals(host.replaceAll("/$", ""))) {
        // MSAL asks login.microsoftonline.com about hosts it does not know; a named host is trusted as named
        builder.instanceDiscovery(false);
      }
      application = builder.build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new InvalidInputException("auth of " + context.providerName() + ": cannot use the authority "
          + authority + " (" + e.getMessage() + ")");
    }
    applicationKey = key;
    return application;
  }

  /** MSAL's failure as credql's error: Entra ID's code and text, or why it could not be reached. */
  private CredqlException refused(String authority, @Nullable Throwable cause) {
    if (cause instanceof MsalServiceException service) {
      final int status = service.statusCode() == null ? 0 : service.statusCode();
      final String text = firstLine(service.getMessage());
      return new ProviderErrorException(context.providerName() + ".oauth2.token", status,
          service.errorCode(), text, context.providerName() + ": Entra ID (" + authority
          + ") refused the client credentials: HTTP " + status + " [" + service.errorCode() + "] "
          + text + ". Check " + clientIdVariable + ", " + clientSecretVariable + " and "
          + tenantIdVariable + "; nothing else was sent");
    }
    final String reason = cause instanceof MsalException msal ? "[" + msal.errorCode() + "] "
        + firstLine(msal.getMessage()) : cause == null ? "unknown failure"
        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()));
    return new ProviderUnreachableException(context.providerName() + ": cannot get an Entra ID token"
        + " from " + authority + " (" + reason + "); nothing else was sent", cause);
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "no description";
    }
    final String line = text.lines().findFirst().orElse("").trim();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /**
   * Factory of {@code type: azure_default}. Optional settings: {@code client_id_env_var},
   * {@code client_secret_env_var}, {@code tenant_id_env_var} (the {@code AZURE_*} names by
   * default), {@code authority_host} (a URL, not a secret) and {@code scopes}.
   */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "azure_default";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) {
      final JsonNode scopes = config.get("scopes");
      final String scope = scopes != null && scopes.isArray() && scopes.size() > 0 ? scopes.get(0).asText()
          : scopes != null && scopes.isTextual() ? scopes.asText() : MANAGEMENT_SCOPE;
      final String authorityHost = config.path("authority_host").asText("");
      return new AzureDefaultAuthScheme(context,
          text(config, "client_id_env_var", "AZURE_CLIENT_ID"),
          text(config, "client_secret_env_var", "AZURE_CLIENT_SECRET"),
          text(config, "tenant_id_env_var", "AZURE_TENANT_ID"),
          authorityHost.isEmpty() ? null : authorityHost, scope);
    }

    private static String text(JsonNode config, String key, String fallback) {
      final String value = config.path(key).asText("");
      return value.isEmpty() ? fallback : value;
    }
  }
}
