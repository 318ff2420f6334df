package io.credql.server;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A user of the server as its users file holds it: a name, a role, the providers the user may
 * reach (empty: all) and a bcrypt hash of the password.
 */
public record ServerUser(String name, Role role, Set<String> providers, String passwordHash) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public ServerUser {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    requireNonNull(passwordHash, "passwordHash");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is letters, digits and . _ @ - (at most 64), not '"
          + name + "'");
    }
    providers = Set.copyOf(providers.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
  }

  /** Whether the user may reach provider {@code name}. */
  public boolean reaches(String provider) {
    return providers.isEmpty() || providers.contains(provider.toLowerCase(Locale.ROOT));
  }
}
