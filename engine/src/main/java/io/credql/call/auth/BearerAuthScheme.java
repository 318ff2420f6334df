package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Request;

/**
 * StackQL's {@code bearer}, {@code api_key} and {@code custom} auth: a token from the environment
 * variable named by {@code credentialsenvvar} (or {@code api_key_var}, {@code env_var}), sent as
 * {@code Authorization: Bearer <token>}, or in the header (or, with {@code location: query}, the
 * query parameter) {@code name}, after {@code valuePrefix} (Okta's {@code SSWS }).
 */
public final class BearerAuthScheme implements AuthScheme {
  private final AuthContext context;
  private final String variable;
  private final String header;
  private final String prefix;
  private final boolean inQuery;

  private BearerAuthScheme(AuthContext context, String variable, String header, String prefix,
      boolean inQuery) {
    this.inQuery = inQuery;
    this.context = context;
    this.variable = variable;
    this.header = header;
    this.prefix = prefix;
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String token = context.requireSecret(variable);
    if (inQuery) {
      context.registerSecret(prefix + token);
      return request.newBuilder()
          .url(request.url().newBuilder().setQueryParameter(header, prefix + token).build()).build();
    }
    return request.newBuilder().header(header, prefix + token).build();
  }

  private static AuthScheme create(JsonNode config, AuthContext context, String defaultPrefix)
      throws CredqlException {
    String variable = null;
    for (String key : new String[] {"credentialsenvvar", "api_key_var", "env_var", "envVarName"}) {
      if (variable == null && config.path(key).isTextual()) {
        variable = config.get(key).asText();
      }
    }
    if (variable == null) {
      throw new InvalidInputException("auth of " + context.providerName()
          + ": credentialsenvvar must name the environment variable holding the token");
    }
    final String prefix = config.has("valuePrefix") ? config.get("valuePrefix").asText()
        : defaultPrefix;
    final boolean inQuery = "query".equalsIgnoreCase(config.path("location").asText("header"));
    final String name = config.path("name").asText(inQuery ? "api_key" : "Authorization");
    return new BearerAuthScheme(context, variable, name, prefix, inQuery);
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

  /** Factory of {@code type: custom}: a named header or query parameter, as {@code api_key}. */
  public static final class Custom implements AuthSchemeFactory {
    @Override public String type() {
      return "custom";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      return BearerAuthScheme.create(config, context, "");
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
