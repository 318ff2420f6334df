package io.credql.call;

import io.credql.error.CredqlException;
import io.credql.spi.AuthScheme;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Adds the provider's credentials to each request as it leaves. A scheme that cannot
 * authenticate (a missing variable, a refused token request) stops the request before it is sent.
 */
final class AuthInterceptor implements Interceptor {
  private final AuthScheme auth;

  AuthInterceptor(AuthScheme auth) {
    this.auth = requireNonNull(auth, "auth");
  }

  @Override public Response intercept(Chain chain) throws IOException {
    final Request authenticated;
    try {
      authenticated = auth.authenticate(chain.request());
    } catch (CredqlException e) {
      throw new CredentialFailure(e);
    }
    return chain.proceed(authenticated);
  }

  /** Carries an auth error (such as a missing variable) out of OkHttp's interceptor chain. */
  static final class CredentialFailure extends IOException {
    private final CredqlException failure;

    CredentialFailure(CredqlException failure) {
      super(failure.getMessage());
      this.failure = failure;
    }

    /** The error to report: nothing was sent. */
    CredqlException failure() {
      return failure;
    }
  }
}
