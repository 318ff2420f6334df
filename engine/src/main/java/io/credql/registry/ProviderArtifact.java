package io.credql.registry;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import static java.util.Objects.requireNonNull;

/**
 * The files of one provider version's {@code .tgz}, as StackQL's registry packs it
 * ({@code tar -czf v1.tgz v1}: every entry under {@code <version>/}). Reading is defensive: only
 * regular files and directories, no absolute paths or {@code ..}, no links, bounded sizes.
 */
final class ProviderArtifact {
  /** Limits on what an artifact may unpack to. */
  static final class Limits {
    final long totalBytes;
    final long fileBytes;
    final int files;

    Limits(long totalBytes, long fileBytes, int files) {
      this.totalBytes = totalBytes;
      this.fileBytes = fileBytes;
      this.files = files;
    }
  }

  /** Google's provider, the largest StackQL publishes, unpacks to a few hundred MiB. */
  static final Limits DEFAULT_LIMITS = new Limits(2L << 30, 256L << 20, 100_000);

  private final String version;
  private final Path directory;
  private final List<String> files;

  private ProviderArtifact(String version, Path directory, List<String> files) {
    this.version = version;
    this.directory = directory;
    this.files = List.copyOf(files);
  }

  /**
   * Unpacks {@code tgz}, which must hold {@code <version>/provider.yaml}, into {@code directory}
   * (created; the caller deletes it if this fails); {@code origin} names the artifact in errors.
   */
  static ProviderArtifact unpack(byte[] tgz, String version, String origin, Limits limits,
      Path directory) throws RegistryException {
    requireNonNull(tgz, "tgz");
    final Path root = directory.toAbsolutePath().normalize();
    final List<String> files = new ArrayList<>();
    long total = 0;
    try (TarArchiveInputStream tar =
             new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        final String name = safeName(entry.getName(), version, origin);
        if (entry.isDirectory()) {
          continue;
        }
        if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
          throw new RegistryException(origin + " holds '" + entry.getName()
              + "', which is not a regular file; refused");
        }
        if (files.size() >= limits.files) {
          throw new RegistryException(origin + " holds more than " + limits.files + " files; refused");
        }
        if (name == null) {
          continue;
        }
        final Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || Files.exists(target)) {
          throw new RegistryException(origin + " holds '" + entry.getName() + "' twice or outside "
              + version + "/; refused");
        }
        Files.createDirectories(target.getParent());
        final long written;
        try (OutputStream out = Files.newOutputStream(target)) {
          written = copy(tar, out, Math.min(limits.fileBytes, limits.totalBytes - total),
              origin + ": " + entry.getName());
        }
        total += written;
        files.add(name);
      }
    } catch (ZipException e) {
      throw new RegistryException(origin + " is not a .tgz archive (gzip-compressed tar); refused");
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException(origin + " is not a readable .tgz archive (" + e.getMessage() + "); refused");
    }
    if (!files.contains("provider.yaml")) {
      throw new RegistryException(origin + " has no " + version + "/provider.yaml;"
          + " it is not a StackQL provider artifact");
    }
    return new ProviderArtifact(version, root, files);
  }

  /**
   * The entry's path inside the version directory, or null for the version directory itself.
   * Anything that could land outside it is refused.
   */
  private static @Nullable String safeName(String raw, String version, String origin) throws RegistryException {
    String name = raw.replace('\\', '/');
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    final boolean escapes = name.startsWith("/") || name.matches("^[A-Za-z]:.*")
        || ("/" + name + "/").contains("/../") || name.contains("\0");
    if (escapes || !(name.equals(version) || name.startsWith(version + "/"))) {
      throw new RegistryException(origin + " holds '" + raw + "', outside " + version
          + "/; refused (StackQL's artifacts hold only their version's directory)");
    }
    final String inside = name.equals(version) ? "" : name.substring(version.length() + 1);
    final String trimmed = inside.endsWith("/") ? inside.substring(0, inside.length() - 1) : inside;
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** Copies at most {@code limit} bytes; more is an error, never a silently cut file. */
  private static long copy(InputStream in, OutputStream out, long limit, String what)
      throws IOException, RegistryException {
    final byte[] buffer = new byte[1 << 16];
    long copied = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      copied += n;
      if (copied > limit) {
        throw new RegistryException(what + " is larger than the " + (limit >> 20)
            + " MiB an artifact may unpack to; refused");
      }
      out.write(buffer, 0, n);
    }
    return copied;
  }

  String version() {
    return version;
  }

  /** Where the files were unpacked. */
  Path directory() {
    return directory;
  }

  /** The files, by {@code /}-separated path inside the version directory ({@code provider.yaml}, {@code services/x.yaml}, their {@code .sig}s). */
  List<String> files() {
    return files;
  }
}
