package io.credql.call.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Credentials;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * StackQL's {@code basic} auth: user name and password from {@code username_var} and
 * {@code password_var}, or the ready base64 {@code user:password} from {@code credentialsenvvar}.
 */
public final class BasicAuthScheme implements AuthScheme {
  private final AuthContext context;
  private final @Nullable String userVariable;
  private final @Nullable String passwordVariable;
  private final @Nullable String encodedVariable;

  private BasicAuthScheme(AuthContext context, @Nullable String userVariable, @Nullable String passwordVariable,
      @Nullable String encodedVariable) {
    this.encodedVariable = encodedVariable;
    this.context = context;
    this.userVariable = userVariable;
    this.passwordVariable = passwordVariable;
  }

  @Override public Request authenticate(Request request) throws CredqlException {
    if (encodedVariable != null) {
      final String encoded = context.requireSecret(encodedVariable).trim();
      context.registerSecret("Basic " + encoded);
      return request.newBuilder().header("Authorization", "Basic " + encoded).build();
    }
    // without credentialsenvvar the factory has both variables
    final String user = context.requireSecret(requireNonNull(userVariable, "userVariable"));
    final String password = context.requireSecret(requireNonNull(passwordVariable, "passwordVariable"));
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
      final String encoded = config.path("credentialsenvvar").asText(null);
      if ((user == null || password == null) && encoded == null) {
        throw new InvalidInputException("auth of " + context.providerName()
            + ": basic auth needs username_var and password_var naming environment variables,"
            + " or credentialsenvvar naming one that holds base64 of user:password");
      }
      return new BasicAuthScheme(context, user, password, user != null && password != null ? null : encoded);
    }
  }
}
