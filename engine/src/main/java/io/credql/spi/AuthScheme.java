package io.credql.spi;

import io.credql.error.CredqlException;
import okhttp3.Request;

import java.io.IOException;

/**
 * Puts a provider's credentials on a request about to be sent (a header, a signature). Called for
 * every attempt, so time-dependent signatures are fresh.
 */
public interface AuthScheme {
  /**
   * The request with credentials added.
   *
   * @throws io.credql.error.MissingCredentialException if a credential is not configured; nothing is sent
   */
  Request authenticate(Request request) throws IOException, CredqlException;
}
