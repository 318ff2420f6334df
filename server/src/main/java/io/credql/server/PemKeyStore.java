package io.credql.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's TLS identity read from PEM files, as web servers take it: a certificate (chain) and
 * an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA, EC or Ed25519), held in an
 * in-memory key store. The JDK reads both; no other library is needed.
 */
final class PemKeyStore {
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemKeyStore() {
  }

  /** A key store holding the key of {@code keyFile} under {@code password}, with the chain of {@code certificateFile}. */
  static KeyStore read(Path certificateFile, Path keyFile, char[] password) throws IOException {
    final Collection<? extends Certificate> chain;
    try {
      chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
    } catch (GeneralSecurityException e) {
      throw new IOException("--tls-cert " + certificateFile + " is not a PEM certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IOException("--tls-cert " + certificateFile + " holds no certificate");
    }
    final PrivateKey key = privateKey(keyFile);
    try {
      final KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("credql", key, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException("--tls-key " + keyFile + " does not go with --tls-cert " + certificateFile
          + ": " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path keyFile) throws IOException {
    final String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
    final Matcher pem = PKCS8.matcher(text);
    if (!pem.find()) {
      throw new IOException("--tls-key " + keyFile + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
          + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out server-pkcs8.key");
    }
    final byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException("--tls-key " + keyFile + " is not an RSA, EC or Ed25519 private key");
  }
}
