package io.credql.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * A credential a sandbox simulator makes up when it starts: random, so that it is accepted by that
 * simulator alone and no real key ever needs to be in the sandbox.
 */
public final class MadeUpSecret {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MadeUpSecret() {
  }

  /** {@code prefix} followed by {@code bytes} random bytes in lower-case hex. */
  public static String hex(String prefix, int bytes) {
    return requireNonNull(prefix, "prefix") + HexFormat.of().formatHex(random(bytes));
  }

  /** {@code bytes} random bytes in Base64. */
  public static String base64(int bytes) {
    return Base64.getEncoder().encodeToString(random(bytes));
  }

  /** {@code prefix} made up to {@code length} characters with characters drawn from {@code alphabet}. */
  public static String drawn(String prefix, String alphabet, int length) {
    final StringBuilder secret = new StringBuilder(requireNonNull(prefix, "prefix"));
    while (secret.length() < length) {
      secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return secret.toString();
  }

  private static byte[] random(int count) {
    final byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
