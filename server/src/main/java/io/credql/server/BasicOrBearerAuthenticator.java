package io.credql.server;

import org.eclipse.jetty.security.ServerAuthException;
import org.eclipse.jetty.security.UserAuthentication;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Authentication;
import org.eclipse.jetty.server.UserIdentity;

import java.util.Locale;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;

import static java.util.Objects.requireNonNull;

/**
 * Jetty's HTTP Basic authenticator that also takes {@code Authorization: Bearer <token>}: a token
 * is checked by the same {@link UsersLoginService} (so the same pauses and log lines follow a
 * failure), and a wrong one gets the same 401 as a wrong password.
 */
final class BasicOrBearerAuthenticator extends BasicAuthenticator {
  private static final String BEARER = "bearer ";

  private final UsersLoginService logins;

  BasicOrBearerAuthenticator(UsersLoginService logins) {
    this.logins = requireNonNull(logins, "logins");
  }

  @Override public Authentication validateRequest(ServletRequest req, ServletResponse res, boolean mandatory)
      throws ServerAuthException {
    final String authorization = ((HttpServletRequest) req).getHeader("Authorization");
    if (mandatory && authorization != null && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      final UsersLoginService.BearerToken token =
          new UsersLoginService.BearerToken(authorization.substring(BEARER.length()).trim());
      final String owner = logins.tokenOwner(token.token());
      final UserIdentity user = login(owner == null ? "" : owner, token, req);
      if (user != null) {
        return new UserAuthentication(getAuthMethod(), user);
      }
    }
    // Basic, or a refusal: Basic's own 401 with its challenge, whatever the scheme tried
    return super.validateRequest(req, res, mandatory);
  }
}
