package io.credql.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * StackQL's provider registry as its client reads it ({@code stackql/go-openapistackql}
 * {@code registry.go}): the list at {@code dist/providers.yaml} and one artifact per version at
 * {@code dist/<provider>/<version>.tgz}. Pulling checks every document of the artifact against its
 * {@code .sig} before anything is installed. StackQL's client installs first and checks each
 * document when it is read; credql refuses the whole artifact at once, so nothing unverified
 * ever lands in the providers directory.
 */
public final class ProviderRegistry {
  /** Registry paths StackQL's client maps a provider name to (it installs google from googleapis.com). */
  private static final Map<String, String> ARTIFACT_NAMES = Map.of("google", "googleapis.com");
  private static final long INDEX_LIMIT = 4L << 20;
  private static final long ARTIFACT_LIMIT = 256L << 20;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final RegistrySource source;
  private final TrustedSigners signers;
  private final Path installRoot;
  private final ProviderArtifact.Limits limits;

  public ProviderRegistry(RegistrySource source, TrustedSigners signers, Path installRoot) {
    this(source, signers, installRoot, ProviderArtifact.DEFAULT_LIMITS);
  }

  ProviderRegistry(RegistrySource source, TrustedSigners signers, Path installRoot,
      ProviderArtifact.Limits limits) {
    this.source = requireNonNull(source, "source");
    this.signers = requireNonNull(signers, "signers");
    this.installRoot = requireNonNull(installRoot, "installRoot");
    this.limits = requireNonNull(limits, "limits");
  }

  /** What one pull installed. */
  public static final class Installed {
    private final String provider;
    private final String version;
    private final Path directory;

    Installed(String provider, String version, Path directory) {
      this.provider = provider;
      this.version = version;
      this.directory = directory;
    }

    public String provider() {
      return provider;
    }

    public String version() {
      return version;
    }

    /** The directory holding {@code provider.yaml}. */
    public Path directory() {
      return directory;
    }
  }

  /** The providers the registry publishes, with their versions. */
  public ProviderIndex index() throws RegistryException {
    final byte[] yaml = source.read("dist/providers.yaml", INDEX_LIMIT);
    if (yaml == null) {
      // a local registry may be just the artifacts, as StackQL's client reads a file:// registry
      final ProviderIndex listed = source.listArtifacts();
      if (listed != null) {
        return listed;
      }
      throw new RegistryException("registry " + source.describe() + " has no dist/providers.yaml;"
          + " it is not laid out as StackQL's registry (set registry=<url or directory>)");
    }
    return ProviderIndex.parse(yaml, source.describe() + "/dist/providers.yaml");
  }

  /**
   * Downloads, checks and installs {@code provider} at {@code version} (null: the newest the
   * registry lists), replacing an installed copy of that version.
   */
  public Installed pull(String provider, @Nullable String version) throws RegistryException {
    requireNonNull(provider, "provider");
    if (!provider.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
      throw new RegistryException("'" + provider + "' is not a provider name (letters, digits, _ . -)");
    }
    if (signers.isEmpty()) {
      throw new RegistryException("REGISTRY PULL needs a trusted signing key to check " + provider
          + "'s signatures: set registryTrust=<PEM file of the registry's Ed25519 certificate or public key>"
          + " (StackQL publishes its certificate in stackql-provider-registry,"
          + " signing/Ed25519/app/edcrypto/embeddedcerts/signingcerts/stackql-signing-bundle.pem)");
    }
    final ProviderIndex index = index();
    if (!index.publishes(provider)) {
      throw new RegistryException("registry " + source.describe() + " has no provider called " + provider
          + "; REGISTRY LIST shows the providers it has");
    }
    final String name = index.spelling(provider);
    final String chosen;
    if (version == null) {
      if (index.versions(name).isEmpty()) {
        throw new RegistryException("registry " + source.describe() + " lists no version of " + name);
      }
      chosen = index.newest(name);
    } else {
      chosen = version;
    }
    if (!chosen.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*") || chosen.contains("..")) {
      throw new RegistryException("'" + chosen + "' is not a provider version, such as v24.03.00211");
    }
    final String artifactPath = "dist/" + ARTIFACT_NAMES.getOrDefault(name, name) + "/" + chosen + ".tgz";
    final String origin = source.describe() + "/" + artifactPath;
    final byte[] tgz = source.read(artifactPath, ARTIFACT_LIMIT);
    if (tgz == null) {
      throw new RegistryException("registry " + source.describe() + " has no version " + chosen + " of "
          + name + "; it has " + String.join(", ", index.versions(name)));
    }
    final Path staging = installRoot.resolveSibling(".staging").resolve(UUID.randomUUID().toString());
    try {
      final ProviderArtifact artifact = ProviderArtifact.unpack(tgz, chosen, origin, limits, staging);
      verify(artifact, origin);
      final String declared = declaredName(artifact, origin);
      if (!declared.equalsIgnoreCase(name) && !declared.equalsIgnoreCase(provider)) {
        throw new RegistryException(origin + " holds provider '" + declared + "', not " + name + "; refused");
      }
      final Path target = installRoot.resolve(declared).resolve(chosen);
      Files.createDirectories(target.getParent());
      deleteRecursively(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return new Installed(declared, chosen, target);
    } catch (IOException e) {
      throw new RegistryException("cannot install " + name + " " + chosen + " under " + installRoot + ": "
          + e.getMessage(), e);
    } finally {
      try {
        deleteRecursively(staging);
      } catch (IOException e) {
        // a leftover staging directory is never loaded: it is outside the providers directory
      }
    }
  }

  /** Every document must carry a signature from a trusted signer; one bad file refuses the artifact. */
  private void verify(ProviderArtifact artifact, String origin) throws RegistryException, IOException {
    for (String file : artifact.files()) {
      if (file.endsWith(".sig")) {
        continue;
      }
      if (!artifact.files().contains(file + ".sig")) {
        throw new RegistryException(origin + ": " + file + " has no signature (" + file
            + ".sig); refused, nothing installed");
      }
      final DocumentSignature signature = DocumentSignature.parse(
          Files.readAllBytes(artifact.directory().resolve(file + ".sig")));
      if (signature == null) {
        throw new RegistryException(origin + ": " + file + ".sig is not a StackQL signature"
            + " (base64 of a timestamp and an Ed25519 signature); refused, nothing installed");
      }
      if (!signature.verifies(Files.readAllBytes(artifact.directory().resolve(file)), signers)) {
        throw new RegistryException(origin + ": the signature of " + file + " (dated "
            + signature.signedAt() + ") is not from a key trusted in " + signers.origin()
            + "; refused, nothing installed");
      }
    }
  }

  private static String declaredName(ProviderArtifact artifact, String origin) throws RegistryException {
    final JsonNode name;
    try {
      name = YAML.readTree(artifact.directory().resolve("provider.yaml").toFile()).path("name");
    } catch (IOException e) {
      throw new RegistryException(origin + ": provider.yaml is not YAML; refused");
    }
    if (!name.isTextual() || !name.asText().matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
      throw new RegistryException(origin + ": provider.yaml has no valid 'name'; refused");
    }
    return name.asText();
  }

  /** Deletes {@code path} and everything under it, if it exists. */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
