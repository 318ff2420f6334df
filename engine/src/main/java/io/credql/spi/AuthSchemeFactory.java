package io.credql.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.CredqlException;

/**
 * Creates an {@link AuthScheme} from a provider's {@code config.auth} (or the connection's
 * {@code auth=} override), chosen by its {@code type}. Registered in
 * {@code META-INF/services/io.credql.spi.AuthSchemeFactory}.
 */
public interface AuthSchemeFactory {
  /** The {@code type} this factory handles, e.g. {@code bearer}. */
  String type();

  AuthScheme create(JsonNode config, AuthContext context) throws CredqlException;
}
