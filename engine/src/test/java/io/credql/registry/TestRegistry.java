package io.credql.registry;

import io.credql.ConformanceDocuments;
import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A StackQL registry built at test time: real provider directories from the shared conformance
 * copy of StackQL's registry, packed as StackQL packs them ({@code tar -czf v.tgz v}), every
 * document signed as StackQL's {@code edcrypto} signs it, with a key made for the test. Served
 * from a directory, or over HTTP on a loopback port chosen at run time.
 */
final class TestRegistry implements AutoCloseable {
  /** Seconds from 0001-01-01 (Go's time origin) to 1970-01-01. */
  private static final long GO_TO_UNIX_SECONDS = 62_135_596_800L;

  final Path root;
  final KeyPair key;
  private final Map<String, List<String>> published = new TreeMap<>();
  private @Nullable LoopbackJsonServer server;
  /** The time the documents' signatures carry. */
  Instant signedAt = Instant.now();

  TestRegistry(Path root) {
    this(root, newKey());
  }

  /** A registry signing with {@code key}. */
  TestRegistry(Path root, KeyPair key) {
    this.root = root;
    this.key = key;
  }

  private static KeyPair newKey() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes {@code provider}'s conformance documents as {@code version}, signed. */
  TestRegistry publish(String provider, String version) throws IOException {
    final Path source = ConformanceDocuments.stackqlRegistry().resolve(provider).resolve("v00.00.00000");
    final Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        final String name = version + "/" + source.relativize(file).toString().replace('\\', '/');
        final byte[] content = Files.readAllBytes(file);
        files.put(name, content);
        files.put(name + ".sig", sign(content, key.getPrivate(), signedAt));
      }
    }
    return publishFiles(provider, version, files);
  }

  /** Publishes a provider with no services as {@code version}, signed: for tests about versions. */
  TestRegistry publishMinimal(String provider, String version) throws IOException {
    final byte[] document = ("id: " + provider + "\nname: " + provider + "\nversion: " + version
        + "\nproviderServices: {}\n").getBytes(StandardCharsets.UTF_8);
    final Map<String, byte[]> files = new TreeMap<>();
    files.put(version + "/provider.yaml", document);
    files.put(version + "/provider.yaml.sig", sign(document, key.getPrivate(), signedAt));
    return publishFiles(provider, version, files);
  }

  /** Publishes an artifact of exactly these entries (name → content) as {@code provider}'s {@code version}. */
  TestRegistry publishFiles(String provider, String version, Map<String, byte[]> entries) throws IOException {
    return publishArtifact(provider, version, tgz(entries));
  }

  /** Publishes these bytes as the artifact of {@code provider}'s {@code version}. */
  TestRegistry publishArtifact(String provider, String version, byte[] artifact) throws IOException {
    final Path file = root.resolve("dist").resolve(provider).resolve(version + ".tgz");
    Files.createDirectories(file.getParent());
    Files.write(file, artifact);
    published.computeIfAbsent(provider, p -> new ArrayList<>()).add(version);
    writeIndex();
    return this;
  }

  /** Lists {@code provider} at {@code version} in providers.yaml without publishing an artifact. */
  TestRegistry list(String provider, String version) throws IOException {
    published.computeIfAbsent(provider, p -> new ArrayList<>()).add(version);
    writeIndex();
    return this;
  }

  private void writeIndex() throws IOException {
    final StringBuilder yaml = new StringBuilder("providers:\n");
    published.forEach((provider, versions) -> {
      yaml.append("  ").append(provider).append(":\n    versions:\n");
      versions.forEach(v -> yaml.append("    - ").append(v).append('\n'));
    });
    Files.createDirectories(root.resolve("dist"));
    Files.writeString(root.resolve("dist/providers.yaml"), yaml);
  }

  static byte[] tgz(Map<String, byte[]> entries) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        final TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey(), true);
        tarEntry.setSize(entry.getValue().length);
        tar.putArchiveEntry(tarEntry);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A {@code .sig} as StackQL writes it: base64(Go binary time ‖ Ed25519(document ‖ time)). */
  static byte[] sign(byte[] document, PrivateKey key, Instant at) {
    final ByteBuffer time = ByteBuffer.allocate(15);
    time.put((byte) 1).putLong(at.getEpochSecond() + GO_TO_UNIX_SECONDS).putInt(at.getNano()).putShort((short) -1);
    try {
      final Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(document);
      signer.update(time.array());
      final byte[] signature = signer.sign();
      final ByteBuffer sig = ByteBuffer.allocate(15 + signature.length).put(time.array()).put(signature);
      return Base64.getEncoder().encode(sig.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the test key's public half as a PEM file and returns its path. */
  Path trustFile() throws IOException {
    final Path file = root.resolveSibling("trusted-" + root.getFileName() + ".pem");
    Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    return file;
  }

  /** Serves the registry over HTTP on 127.0.0.1 and returns its base URL. */
  String serve() throws IOException {
    server = LoopbackJsonServer.answering(request -> {
      final Path file = root.resolve(request.path().replaceFirst("^/providers/", "")).normalize();
      return file.startsWith(root) && Files.isRegularFile(file)
          ? Answer.of(200, null, Files.readAllBytes(file)) : Answer.empty(404);
    });
    return server.url("/providers");
  }

  @Override public void close() {
    if (server != null) {
      server.close();
    }
  }
}
