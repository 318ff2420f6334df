package io.credql.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry trusted through an Ed25519 signing certificate, as StackQL's client trusts its own:
 * a signature counts only if it is dated within the certificate's validity. The certificate is
 * made at test time with the JDK's keytool.
 */
class SigningCertificateTest {
  @TempDir Path temp;

  private static void keytool(String... args) throws Exception {
    final Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
    final List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
  }

  /** A registry whose key is certified for two days from now, and the certificate as a PEM file. */
  private TestRegistry certifiedRegistry(Path certificate) throws Exception {
    final Path keystore = temp.resolve("signer.p12");
    keytool("-genkeypair", "-keyalg", "Ed25519", "-alias", "signer", "-dname", "CN=test registry signer",
        "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", "test-pass");
    keytool("-exportcert", "-rfc", "-alias", "signer", "-keystore", keystore.toString(),
        "-storepass", "test-pass", "-file", certificate.toString());
    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, "test-pass".toCharArray());
    }
    final PrivateKey key = (PrivateKey) store.getKey("signer", "test-pass".toCharArray());
    return new TestRegistry(temp.resolve("registry"),
        new KeyPair(store.getCertificate("signer").getPublicKey(), key));
  }

  @Test void aSignatureDatedWithinTheCertificateIsAcceptedAndOneDatedBeforeItIsNot() throws Exception {
    final Path certificate = temp.resolve("registry-cert.pem");
    final TestRegistry registry = certifiedRegistry(certificate);
    final TrustedSigners trusted = TrustedSigners.read(certificate);
    final Path installed = temp.resolve("home/.credql/providers");

    registry.publishMinimal("tiny", "v1");
    final ProviderRegistry.Installed pulled = new ProviderRegistry(
        RegistrySource.of(registry.root.toString(), new okhttp3.OkHttpClient()), trusted, installed)
        .pull("tiny", null);
    assertEquals("v1", pulled.version());
    assertTrue(Files.isRegularFile(installed.resolve("tiny/v1/provider.yaml")));

    registry.signedAt = Instant.now().minus(Duration.ofDays(30));
    registry.publishMinimal("tiny", "v2");
    final RegistryException e = assertThrows(RegistryException.class, () -> new ProviderRegistry(
        RegistrySource.of(registry.root.toString(), new okhttp3.OkHttpClient()), trusted, installed)
        .pull("tiny", "v2"));
    assertTrue(e.getMessage().contains("the signature of provider.yaml (dated "), e.getMessage());
    assertTrue(e.getMessage().contains("is not from a key trusted in " + certificate), e.getMessage());
    assertTrue(Files.notExists(installed.resolve("tiny/v2")));
  }

  @Test void aTrustFileWithoutKeysOrWithAnotherAlgorithmIsRefusedWithItsName() throws Exception {
    final Path empty = Files.writeString(temp.resolve("empty.pem"), "no pem here\n");
    final RegistryException none = assertThrows(RegistryException.class, () -> TrustedSigners.read(empty));
    assertEquals("property registryTrust: " + empty + " holds no CERTIFICATE or PUBLIC KEY PEM block",
        none.getMessage());
    final java.security.KeyPair rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
    final Path rsaFile = Files.writeString(temp.resolve("rsa.pem"), "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    final RegistryException wrong = assertThrows(RegistryException.class, () -> TrustedSigners.read(rsaFile));
    assertTrue(wrong.getMessage().contains("StackQL's registry signs with Ed25519")
        || wrong.getMessage().contains("cannot be read"), wrong.getMessage());
  }

  @Test void homeFromTheEnvironmentWinsOverJavasUserHome() {
    assertEquals(Paths.get("/home/stackql-user/.credql/providers"),
        InstalledProviders.directory(java.util.Map.of("HOME", "/home/stackql-user")));
    assertEquals(Paths.get(System.getProperty("user.home"), ".credql", "providers"),
        InstalledProviders.directory(java.util.Map.of()));
  }
}
