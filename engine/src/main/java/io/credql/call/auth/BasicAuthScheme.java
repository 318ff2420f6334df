package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Credentials;
import okhttp3.Request;

/** StackQL's {@code basic} auth: user name and password from {@code username_var} and {@code password_var}. */
public final class BasicAuthScheme implements AuthScheme {
  private final AuthContext context;
  private final String userVariable;
  private final String passwordVariable;

  private BasicAuthScheme(AuthContext context, String userVariable, String passwordVariable) {
    this.context = context;
    this.userVariable = userVariable;
    this.passwordVariable = passwordVariable;
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    final String user = context.requireSecret(userVariable);
    final String password = context.requireSecret(passwordVariable);
    return request.newBuilder().header("Authorization", Credentials.basic(user, password)).build();
  }

  /** Factory of {@code type: basic}. */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "basic";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) throws CredqlException {
      final String user = config.path("username_var").asText(null);
      final String password = config.path("password_var").asText(null);
      if (user == null || password == null) {
        throw new InvalidInputException("auth of " + context.providerName()
            + ": basic auth needs username_var and password_var naming environment variables");
      }
      return new BasicAuthScheme(context, user, password);
    }
  }
}
