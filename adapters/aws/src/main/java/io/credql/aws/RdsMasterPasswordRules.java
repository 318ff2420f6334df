package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What RDS accepts as a master password (API reference, {@code ModifyDBInstance} and
 * {@code ModifyDBCluster}, {@code MasterUserPassword}): printable ASCII except {@code /},
 * {@code "}, {@code @} and the space (Oracle also refuses {@code &} and {@code '}), at least 8
 * characters and at most 41 for MySQL, MariaDB and DB clusters, 30 for Oracle, 128 for PostgreSQL
 * and SQL Server, 255 for Db2. Each violated rule is a sentence that never repeats the password.
 */
final class RdsMasterPasswordRules {
  static final int MIN_LENGTH = 8;
  /** The longest password some engine accepts: what can be checked without knowing the engine. */
  static final int ANY_ENGINE_MAX_LENGTH = 255;

  private RdsMasterPasswordRules() {
  }

  /**
   * Every rule {@code password} breaks for a database of {@code engine} (null: unknown, only the
   * rules of every engine), an instance or a {@code cluster}.
   */
  static List<String> violations(String password, @Nullable String engine, boolean cluster) {
    final List<String> problems = new ArrayList<>();
    final String engineName = engine == null ? null : engine.toLowerCase(Locale.ROOT);
    final int max = cluster ? 41 : maxLength(engineName);
    final String where = cluster ? "a DB cluster" : engineName == null ? "any engine" : "RDS for " + engineName;
    final int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      problems.add("the master password must have at least " + MIN_LENGTH + " characters (it has " + length + ")");
    }
    if (length > max) {
      problems.add("the master password of " + where + " may have at most " + max + " characters (it has "
          + length + ")");
    }
    final Set<String> forbidden = new TreeSet<>();
    boolean unprintable = false;
    final boolean oracle = engineName != null && engineName.startsWith("oracle");
    for (int i = 0; i < password.length(); i++) {
      final char c = password.charAt(i);
      if (c == '/' || c == '"' || c == '@') {
        forbidden.add("'" + c + "'");
      } else if (c == ' ') {
        forbidden.add("a space");
      } else if (oracle && (c == '&' || c == '\'')) {
        forbidden.add("'" + c + "' (for Oracle)");
      } else if (c < 0x21 || c > 0x7e) {
        unprintable = true;
      }
    }
    if (!forbidden.isEmpty()) {
      problems.add("the master password may not contain " + String.join(", ", forbidden));
    }
    if (unprintable) {
      problems.add("the master password may contain printable ASCII characters only (no letters with accents,"
          + " no control characters)");
    }
    return problems;
  }

  /** The most characters {@code engine} (RDS's engine name, lower case) accepts. */
  static int maxLength(@Nullable String engine) {
    if (engine == null) {
      return ANY_ENGINE_MAX_LENGTH;
    }
    if (engine.startsWith("mysql") || engine.startsWith("mariadb") || engine.startsWith("aurora")) {
      return 41;
    }
    if (engine.startsWith("oracle")) {
      return 30;
    }
    if (engine.startsWith("postgres") || engine.startsWith("sqlserver")) {
      return 128;
    }
    return ANY_ENGINE_MAX_LENGTH;
  }
}
