package io.credql.google;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The simulated service account's RSA key pair: 2048 bits, as Google issues them and as the
 * signer of the assertions requires. Making one costs a noticeable part of a second of CPU, so
 * the simulators of one process share a single pair, made the first time one is asked for;
 * {@link #fresh()} makes another for a simulator that must not recognise the others' keys.
 */
final class ServiceAccountKeyPair {
  private ServiceAccountKeyPair() {
  }

  /** The pair every simulator of this process shares. */
  static KeyPair shared() {
    return Shared.PAIR;
  }

  /** A pair of its own. */
  static KeyPair fresh() {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA", e);
    }
  }

  /** Made when first read: the JVM initialises this class once, on first use, safely across threads. */
  private static final class Shared {
    static final KeyPair PAIR = fresh();

    private Shared() {
    }
  }
}
