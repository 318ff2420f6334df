package io.credql.registry;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Ed25519 keys a registry's signatures must come from, read from a PEM file
 * ({@code registryTrust=<file>}). StackQL's client trusts the signing certificates embedded in
 * it ({@code stackql-provider-registry}, {@code signing/Ed25519/app/edcrypto/embeddedcerts}); credql
 * embeds none, so the trusted signers are always the user's choice: a {@code CERTIFICATE} (used
 * only for signatures timestamped within its validity, as StackQL does) or a bare {@code PUBLIC KEY}.
 */
public final class TrustedSigners {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** One trusted key, with the period its signatures may be dated in (null: any time). */
  private static final class Signer {
    final PublicKey key;
    final @Nullable X509Certificate certificate;

    Signer(PublicKey key, @Nullable X509Certificate certificate) {
      this.key = key;
      this.certificate = certificate;
    }

    boolean covers(Instant signedAt) {
      return certificate == null
          || (!signedAt.isBefore(certificate.getNotBefore().toInstant())
              && !signedAt.isAfter(certificate.getNotAfter().toInstant()));
    }
  }

  private final List<Signer> signers;
  private final String origin;

  private TrustedSigners(List<Signer> signers, String origin) {
    this.signers = List.copyOf(signers);
    this.origin = origin;
  }

  /** No trusted signer: every pull is refused with a message saying how to trust one. */
  public static TrustedSigners none() {
    return new TrustedSigners(List.of(), "");
  }

  /** The certificates and public keys in a PEM file. */
  public static TrustedSigners read(Path pemFile) throws RegistryException {
    requireNonNull(pemFile, "pemFile");
    final String text;
    try {
      text = Files.readString(pemFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new RegistryException("property registryTrust: cannot read " + pemFile + " ("
          + e.getClass().getSimpleName() + ")");
    }
    return parse(text, pemFile.toString());
  }

  static TrustedSigners parse(String pem, String origin) throws RegistryException {
    final List<Signer> signers = new ArrayList<>();
    final Matcher matcher = PEM.matcher(pem);
    try {
      while (matcher.find()) {
        final byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        switch (matcher.group(1)) {
        case "CERTIFICATE": {
          final X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
          signers.add(new Signer(ed25519(certificate.getPublicKey(), origin), certificate));
          break;
        }
        case "PUBLIC KEY":
          signers.add(new Signer(ed25519(KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(der)), origin), null));
          break;
        default:
          break;
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new RegistryException("property registryTrust: " + origin
          + " holds a certificate or key that cannot be read; expected Ed25519 PEM blocks");
    }
    if (signers.isEmpty()) {
      throw new RegistryException("property registryTrust: " + origin
          + " holds no CERTIFICATE or PUBLIC KEY PEM block");
    }
    return new TrustedSigners(signers, origin);
  }

  private static PublicKey ed25519(PublicKey key, String origin) throws RegistryException {
    if (!key.getAlgorithm().equals("EdDSA") && !key.getAlgorithm().equals("Ed25519")) {
      throw new RegistryException("property registryTrust: " + origin + " holds a "
          + key.getAlgorithm() + " key; StackQL's registry signs with Ed25519");
    }
    return key;
  }

  public boolean isEmpty() {
    return signers.isEmpty();
  }

  /** Where the signers came from, for messages. */
  public String origin() {
    return origin;
  }

  /** Whether one of the signers signed {@code message} with {@code signature} at {@code signedAt}. */
  boolean verify(byte[] message, byte[] signature, Instant signedAt) {
    for (Signer signer : signers) {
      if (!signer.covers(signedAt)) {
        continue;
      }
      try {
        final Signature check = Signature.getInstance("Ed25519");
        check.initVerify(signer.key);
        check.update(message);
        if (check.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException e) {
        // a malformed signature is simply not this signer's
      }
    }
    return false;
  }
}
