package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Request;

/**
 * StackQL's {@code bearer} and {@code api_key} auth: a token from the environment variable named
 * by {@code credentialsenvvar}, sent as {@code Authorization: Bearer <token>} (or in the header
 * {@code name}, with {@code valuePrefix}).
 */
public final class BearerAuthScheme implements AuthScheme {
  private final AuthContext context;
  private final String variable;
  private final String header;
  private final String prefix;

  private BearerAuthScheme(AuthContext context, String variable, String header, String prefix) {
    this.context = context;
    this.variable = variable;
    this.header = header;
    this.prefix = prefix;
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String token = context.requireSecret(variable);
    return request.newBuilder().header(header, prefix + token).build();
  }

  private static AuthScheme create(JsonNode config, AuthContext context, String defaultPrefix)
      throws CredqlException {
    final String variable = config.path("credentialsenvvar").asText(null);
    if (variable == null) {
      throw new InvalidInputException("auth of " + context.providerName()
          + ": credentialsenvvar must name the environment variable holding the token");
    }
    final String prefix = config.has("valuePrefix") ? config.get("valuePrefix").asText()
        : defaultPrefix;
    return new BearerAuthScheme(context, variable, config.path("name").asText("Authorization"), prefix);
  }

  /** Factory of {@code type: bearer}. */
  public static final class Bearer implements AuthSchemeFactory {
    @Override public String type() {
      return "bearer";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      return BearerAuthScheme.create(config, context, "Bearer ");
    }
  }

  /** Factory of {@code type: api_key}: the raw key unless {@code valuePrefix} says otherwise. */
  public static final class ApiKey implements AuthSchemeFactory {
    @Override public String type() {
      return "api_key";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      return BearerAuthScheme.create(config, context, "");
    }
  }
}
