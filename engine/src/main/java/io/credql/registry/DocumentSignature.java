package io.credql.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * The signature of one registry document, as StackQL's {@code edcrypto} writes it into
 * {@code <file>.sig}: base64 of a timestamp (Go's {@code time.Time.MarshalBinary}) followed by the
 * 64-byte Ed25519 signature of the document's bytes with that timestamp appended.
 */
final class DocumentSignature {
  private static final int ED25519_LENGTH = 64;
  /** Seconds from 0001-01-01 (Go's time origin) to 1970-01-01. */
  private static final long GO_TO_UNIX_SECONDS = 62_135_596_800L;

  private final byte[] timestamp;
  private final byte[] signature;
  private final Instant signedAt;

  private DocumentSignature(byte[] timestamp, byte[] signature, Instant signedAt) {
    this.timestamp = timestamp;
    this.signature = signature;
    this.signedAt = signedAt;
  }

  /** Reads a {@code .sig} file; null if it is not one StackQL's client would accept. */
  static @Nullable DocumentSignature parse(byte[] sigFile) {
    requireNonNull(sigFile, "sigFile");
    final byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(new String(sigFile, StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
    // StackQL refuses a signature without a timestamp: it picks the certificate by the time
    if (decoded.length <= ED25519_LENGTH) {
      return null;
    }
    final byte[] timestamp = Arrays.copyOf(decoded, decoded.length - ED25519_LENGTH);
    final Instant signedAt = goTime(timestamp);
    if (signedAt == null) {
      return null;
    }
    return new DocumentSignature(timestamp,
        Arrays.copyOfRange(decoded, decoded.length - ED25519_LENGTH, decoded.length), signedAt);
  }

  /** Go's binary time: version 1 (15 bytes) or 2 (16 bytes); seconds since year 1, nanoseconds, zone. */
  private static @Nullable Instant goTime(byte[] bytes) {
    if (!((bytes.length == 15 && bytes[0] == 1) || (bytes.length == 16 && bytes[0] == 2))) {
      return null;
    }
    final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 12);
    final long seconds = buffer.getLong();
    final int nanos = buffer.getInt();
    if (nanos < 0 || nanos > 999_999_999) {
      return null;
    }
    return Instant.ofEpochSecond(seconds - GO_TO_UNIX_SECONDS, nanos);
  }

  Instant signedAt() {
    return signedAt;
  }

  /** Whether a trusted signer signed {@code document}. */
  boolean verifies(byte[] document, TrustedSigners signers) {
    final byte[] message = Arrays.copyOf(document, document.length + timestamp.length);
    System.arraycopy(timestamp, 0, message, document.length, timestamp.length);
    return signers.verify(message, signature, signedAt);
  }
}
