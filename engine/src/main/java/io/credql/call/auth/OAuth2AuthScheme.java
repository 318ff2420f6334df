package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * StackQL's {@code oauth2} auth with {@code grant_type: client_credentials}: the client id and
 * secret come from the variables {@code client_id_env_var} and {@code client_secret_env_var}, the
 * token from {@code token_url} (which may name environment variables as StackQL does,
 * {@code {{ .__env__DATABRICKS_ACCOUNT_ID }}}), sent as {@code Authorization: Bearer}.
 */
public final class OAuth2AuthScheme implements AuthScheme {
  private static final Pattern ENV = Pattern.compile("\\{\\{\\s*\\.__env__([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private final AuthContext context;
  private final String tokenUrlTemplate;
  private final String clientIdVariable;
  private final String clientSecretVariable;
  private final OAuth2ClientCredentials tokens;

  private OAuth2AuthScheme(AuthContext context, String tokenUrlTemplate, String clientIdVariable,
      String clientSecretVariable, OAuth2ClientCredentials tokens) {
    this.context = requireNonNull(context, "context");
    this.tokenUrlTemplate = requireNonNull(tokenUrlTemplate, "tokenUrlTemplate");
    this.clientIdVariable = requireNonNull(clientIdVariable, "clientIdVariable");
    this.clientSecretVariable = requireNonNull(clientSecretVariable, "clientSecretVariable");
    this.tokens = requireNonNull(tokens, "tokens");
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String clientId = context.requireSecret(clientIdVariable);
    final String clientSecret = context.requireSecret(clientSecretVariable);
    final String token = tokens.accessToken(tokenUrl(), clientId, clientSecret);
    return request.newBuilder().header("Authorization", "Bearer " + token).build();
  }

  /** {@code token_url} with the environment variables it names filled in. */
  private HttpUrl tokenUrl() throws CredqlException {
    final Matcher matcher = ENV.matcher(tokenUrlTemplate);
    final StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(url, Matcher.quoteReplacement(context.requireSecret(matcher.group(1))));
    }
    matcher.appendTail(url);
    final HttpUrl parsed = HttpUrl.parse(url.toString().replaceAll("\\s+", ""));
    if (parsed == null || !OAuth2ClientCredentials.isSecureEndpoint(parsed)) {
      throw new InvalidInputException("auth of " + context.providerName()
          + ": token_url must be an https URL (http only towards loopback)");
    }
    return parsed;
  }

  /** Factory of {@code type: oauth2}. */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "oauth2";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      final String grant = config.path("grant_type").asText("client_credentials");
      if (!"client_credentials".equals(grant)) {
        throw new InvalidInputException("auth of " + context.providerName() + ": oauth2 grant_type "
            + grant + " is not supported; credql takes client_credentials");
      }
      final String tokenUrl = config.path("token_url").asText(null);
      final String clientId = config.path("client_id_env_var").asText(null);
      final String clientSecret = config.path("client_secret_env_var").asText(null);
      if (tokenUrl == null || clientId == null || clientSecret == null) {
        throw new InvalidInputException("auth of " + context.providerName() + ": oauth2 needs "
            + "token_url, client_id_env_var and client_secret_env_var");
      }
      final List<String> scopes = new ArrayList<>();
      config.path("scopes").forEach(s -> scopes.add(s.asText()));
      return new OAuth2AuthScheme(context, tokenUrl, clientId, clientSecret,
          new OAuth2ClientCredentials(context, String.join(" ", scopes), Clock.systemUTC(),
              clientId + " and " + clientSecret));
    }
  }
}
