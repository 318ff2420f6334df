package io.credql.call.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Request;

/** StackQL's {@code null_auth}: requests go out without credentials. */
public final class NullAuthScheme implements AuthScheme {
  static final NullAuthScheme INSTANCE = new NullAuthScheme();

  private NullAuthScheme() {
  }

  @Override public Request authenticate(Request request) {
    return request;
  }

  /** Factory of {@code type: null_auth}. */
  public static final class Factory implements AuthSchemeFactory {
    @Override public String type() {
      return "null_auth";
    }

    @Override public AuthScheme create(JsonNode config, AuthContext context) {
      return INSTANCE;
    }
  }
}
