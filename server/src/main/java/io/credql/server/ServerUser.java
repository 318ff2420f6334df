package io.credql.server;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A user of the server as its users file holds it: a name, a role, the providers the user may
 * reach (empty: all) and the hash of its secret: a bcrypt hash of a password, or
 * {@code sha256=<hex>} of a bearer token (a token is random and long, so a plain hash is enough).
 */
public record ServerUser(String name, Role role, Set<String> providers, String secretHash) {
  /** How the hash of a bearer token starts in the users file. */
  static final String TOKEN_HASH = "sha256=";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public ServerUser {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    requireNonNull(secretHash, "secretHash");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is letters, digits and . _ @ - (at most 64), not '"
          + name + "'");
    }
    providers = Set.copyOf(providers.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
  }

  /** Whether this user logs in with a bearer token rather than a password. */
  public boolean hasToken() {
    return secretHash.startsWith(TOKEN_HASH);
  }

  /** Whether the user may reach provider {@code name}. */
  public boolean reaches(String provider) {
    return providers.isEmpty() || providers.contains(provider.toLowerCase(Locale.ROOT));
  }
}
