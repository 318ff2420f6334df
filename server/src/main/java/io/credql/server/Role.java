package io.credql.server;

import java.util.Locale;

/** What a server user may do: readers query with secrets masked, auditors see secrets, operators also change. */
public enum Role {
  READER, AUDITOR, OPERATOR;

  /** The role called {@code name} (any case); an unknown name is an error listing the roles. */
  public static Role of(String name) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(name.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "'; the roles are reader, auditor and operator");
  }

  /** The least role that may run statements of {@code kind}. */
  public static Role needed(StatementKind kind) {
    return kind.changes() ? OPERATOR : READER;
  }

  public boolean permits(StatementKind kind) {
    return compareTo(needed(kind)) >= 0;
  }

  /** Whether this role sees secret values (a reader's are masked before any SQL sees them). */
  public boolean seesSecrets() {
    return this != READER;
  }

  @Override public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
