package io.credql.server;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.server.UserIdentity;
import org.eclipse.jetty.util.security.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.servlet.ServletRequest;

import static java.util.Objects.requireNonNull;

/**
 * Checks logins against the {@link UsersFile} (read again when it changes): HTTP Basic passwords
 * with bcrypt, bearer tokens (or a token sent as the Basic password of its user) by their SHA-256.
 * HTTP Basic sends the password with every request, so a password bcrypt has accepted is
 * remembered as an HMAC under a key of this process, and later requests cost one HMAC, not one
 * bcrypt. Failed logins are paused by {@link FailedLogins} and logged with the user name and
 * address, never with the password or token tried.
 */
final class UsersLoginService extends AbstractLoginService {
  private static final Logger LOG = LoggerFactory.getLogger(UsersLoginService.class);

  private final UsersFile file;
  private final FailedLogins failures;
  private final byte[] macKey = new byte[32];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
  private volatile Map<String, ServerUser> users;
  private volatile @Nullable FileTime readAt;

  UsersLoginService(UsersFile file, Clock clock) throws IOException {
    this.file = requireNonNull(file, "file");
    this.failures = new FailedLogins(clock);
    new SecureRandom().nextBytes(macKey);
    this.users = file.read();
    this.readAt = Files.getLastModifiedTime(file.path());
    setName("credql");
  }

  /** The user called {@code name}, as the users file says now, or null. */
  @Nullable ServerUser user(String name) {
    return users().get(name);
  }

  private Map<String, ServerUser> users() {
    try {
      final FileTime modified = Files.getLastModifiedTime(file.path());
      if (!modified.equals(readAt)) {
        synchronized (this) {
          if (!modified.equals(readAt)) {
            users = file.read();
            verified.clear();
            readAt = modified;
            LOG.info("read the users file {} again: {} users", file.path(), users.size());
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the users file again; keeping the users read before: {}", e.getMessage());
    }
    return users;
  }

  /** A bearer token as a login's credentials; its text is never logged. */
  record BearerToken(String token) {
    BearerToken {
      requireNonNull(token, "token");
    }

    @Override public String toString() {
      return "BearerToken[****]";
    }
  }

  /** The name of the user whose token {@code token} is, or null (each stored hash is compared in constant time). */
  @Nullable String tokenOwner(String token) {
    String owner = null;
    for (ServerUser user : users().values()) {
      if (user.hasToken() && UsersFile.verify(user, token)) {
        owner = user.name();
      }
    }
    return owner;
  }

  @Override public @Nullable UserIdentity login(String username, Object credentials, ServletRequest request) {
    final String address = request == null ? "an unknown address" : request.getRemoteAddr();
    if (failures.isPaused(address)) {
      LOG.warn("login refused without a check: too many failed logins from {}", address);
      return null;
    }
    final UserIdentity identity = super.login(username, credentials, request);
    if (identity == null) {
      final int count = failures.failed(address);
      LOG.warn("failed login {} in a row from {} ({})", count, address,
          credentials instanceof BearerToken ? "an unknown bearer token"
              : user(username) == null ? "no such user" : "user " + username);
    } else {
      failures.succeeded(address);
    }
    return identity;
  }

  @Override protected String[] loadRoleInfo(UserPrincipal principal) {
    final ServerUser user = user(principal.getName());
    return user == null ? new String[0] : new String[] {user.role().toString()};
  }

  @Override protected @Nullable UserPrincipal loadUserInfo(String username) {
    final ServerUser user = user(username);
    return user == null ? null : new UserPrincipal(username, new PasswordCheck(user));
  }

  /**
   * The check of one user's secret: for a token user, the token (as a bearer token or as the
   * Basic password); for a password user, the password: the remembered HMAC if there is one, else
   * bcrypt.
   */
  private final class PasswordCheck extends Credential {
    private static final long serialVersionUID = 1L;
    private final transient ServerUser user;

    PasswordCheck(ServerUser user) {
      this.user = user;
    }

    @Override public boolean check(Object credentials) {
      if (credentials instanceof BearerToken) {
        return user.hasToken() && UsersFile.verify(user, ((BearerToken) credentials).token());
      }
      if (!(credentials instanceof String)) {
        return false;
      }
      final String password = (String) credentials;
      if (user.hasToken()) {
        return UsersFile.verify(user, password);
      }
      final byte[] mac = mac(user.name() + '\0' + user.secretHash() + '\0' + password);
      final byte[] known = verified.get(user.name());
      if (known != null && MessageDigest.isEqual(known, mac)) {
        return true;
      }
      if (UsersFile.verify(user, password)) {
        verified.put(user.name(), mac);
        return true;
      }
      return false;
    }
  }

  private byte[] mac(String text) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
