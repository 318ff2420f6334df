package io.credql.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's keytool, written as the PEM files
 * {@code credql serve} takes and as a trust store (PKCS#12) for the clients.
 */
final class SelfSignedCertificate {
  static final String TRUST_STORE_PASSWORD = "trust-me";

  final Path certificate;
  final Path key;
  final Path trustStore;

  private SelfSignedCertificate(Path certificate, Path key, Path trustStore) {
    this.certificate = certificate;
    this.key = key;
    this.trustStore = trustStore;
  }

  static SelfSignedCertificate in(Path directory) throws IOException, InterruptedException,
      GeneralSecurityException {
    final Path store = directory.resolve("server.p12");
    final Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "generated", "-keypass", "generated")
        .redirectErrorStream(true).start();
    final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    final KeyStore generated = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      generated.load(in, "generated".toCharArray());
    }
    final Certificate certificate = generated.getCertificate("server");
    final Key key = generated.getKey("server", "generated".toCharArray());
    final Path certificateFile = directory.resolve("server.crt");
    Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
    final Path keyFile = directory.resolve("server.key");
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    final KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("credql-test-ca", certificate);
    final Path trustFile = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustFile)) {
      trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return new SelfSignedCertificate(certificateFile, keyFile, trustFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
