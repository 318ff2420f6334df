package io.credql.server;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The server's users file: one line per user, {@code name:role:providers:hash}, where providers
 * is a comma-separated list or empty for all and hash is a password's bcrypt hash or a bearer
 * token's {@code sha256=<hex>}; {@code #} starts a comment. Readable by its owner only (0600), as
 * a password file should be; the server refuses one others can read.
 */
public final class UsersFile {
  /** bcrypt's cost: 2^12 rounds, about a quarter of a second per hash on a laptop. */
  static final int COST = 12;

  /** Random bytes in a bearer token: 256 bits, beyond guessing, so SHA-256 stores it safely. */
  private static final int TOKEN_BYTES = 32;
  /** How a token starts, so that secret scanners and readers of a leaked text can tell what it is. */
  static final String TOKEN_PREFIX = "credql_";
  private static final Pattern TOKEN_HASH = Pattern.compile(Pattern.quote(ServerUser.TOKEN_HASH) + "[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final int cost;

  public UsersFile(Path file) {
    this(file, COST);
  }

  /** A users file whose new hashes take 2^{@code cost} rounds (tests use a low cost to stay fast). */
  UsersFile(Path file, int cost) {
    this.file = requireNonNull(file, "file");
    this.cost = cost;
  }

  public Path path() {
    return file;
  }

  /** The users, by name; an unreadable, too open or malformed file is an error naming the file and line. */
  public Map<String, ServerUser> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("users file " + file + " does not exist; create it with: credql user add <name>"
          + " --role reader|auditor|operator --users " + file);
    }
    refuseOpenPermissions();
    final Map<String, ServerUser> users = new LinkedHashMap<>();
    final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      final String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final String[] parts = line.split(":", -1);
      try {
        if (parts.length != 4 || !(parts[3].startsWith("$2") || TOKEN_HASH.matcher(parts[3]).matches())) {
          throw new IllegalArgumentException("expected name:role:providers:hash (a bcrypt hash, or sha256= and"
              + " 64 hex digits)");
        }
        final ServerUser user = new ServerUser(parts[0], Role.of(parts[1]), providers(parts[2]), parts[3]);
        users.put(user.name(), user);
      } catch (IllegalArgumentException e) {
        throw new IOException("users file " + file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return users;
  }

  /**
   * Adds {@code name} with {@code password} hashed (or replaces the user of that name) and writes
   * the file again, readable by its owner only.
   */
  public void add(String name, Role role, Set<String> providers, char[] password) throws IOException {
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty; type it on standard input");
    }
    write(new ServerUser(name, role, providers, BCrypt.withDefaults().hashToString(cost, password)));
  }

  /**
   * Adds {@code name} with a new random bearer token (or replaces the user of that name, whose old
   * password or token stops working) and returns the token: the file keeps only its SHA-256.
   */
  public String addToken(String name, Role role, Set<String> providers) throws IOException {
    final byte[] random = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(random);
    final String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    write(new ServerUser(name, role, providers, ServerUser.TOKEN_HASH + HexFormat.of().formatHex(sha256(token))));
    return token;
  }

  private void write(ServerUser user) throws IOException {
    final Map<String, ServerUser> users = Files.exists(file) ? read() : new LinkedHashMap<>();
    users.put(user.name(), user);
    final List<String> lines = new ArrayList<>();
    lines.add("# credql serve users: name:role:providers:hash (written by credql user add and credql token add)");
    for (ServerUser u : users.values()) {
      lines.add(u.name() + ":" + u.role() + ":" + String.join(",", new TreeSet<>(u.providers())) + ":"
          + u.secretHash());
    }
    final Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    final Path temporary = Files.createTempFile(directory, ".users", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Whether {@code secret} is the password or token {@code user}'s hash was made from: bcrypt's
   * check for a password, a constant-time comparison of SHA-256 digests for a token.
   */
  static boolean verify(ServerUser user, String secret) {
    if (user.hasToken()) {
      return MessageDigest.isEqual(HexFormat.of().parseHex(user.secretHash().substring(ServerUser.TOKEN_HASH.length())),
          sha256(secret));
    }
    return BCrypt.verifyer().verify(secret.toCharArray(), user.secretHash()).verified;
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Set<String> providers(String list) {
    final Set<String> providers = new TreeSet<>();
    Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(providers::add);
    return providers;
  }

  private void refuseOpenPermissions() throws IOException {
    final Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return;
    }
    for (PosixFilePermission open : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)) {
      if (permissions.contains(open)) {
        throw new IOException("users file " + file + " can be read or written by others ("
            + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
      }
    }
  }
}
