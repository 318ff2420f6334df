package io.credql.registry;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

import static java.util.Objects.requireNonNull;

/**
 * Where a registry's files are read from: an HTTP(S) base URL (StackQL's public registry by
 * default) or a local directory laid out the same way. Reads are bounded: an answer larger than
 * the limit is refused, not truncated.
 */
public abstract class RegistrySource {
  /** StackQL's public registry ({@code internal/stackql/cmd/root.go} in stackql/stackql). */
  public static final String DEFAULT_URL = "https://registry.stackql.app/providers";

  /** The {@code registry=} setting: a URL, a {@code file:} URL or a directory; null or blank means StackQL's. */
  public static RegistrySource of(@Nullable String setting, OkHttpClient client) throws RegistryException {
    requireNonNull(client, "client");
    final String value = setting == null || setting.isBlank() ? DEFAULT_URL : setting.trim();
    if (value.startsWith("https://") || value.startsWith("http://")) {
      final HttpUrl url = HttpUrl.parse(value);
      if (url == null) {
        throw new RegistryException("property registry: '" + value + "' is not a valid URL");
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new RegistryException("property registry: http:// is only allowed for a registry on this"
            + " machine (localhost, 127.0.0.1, ::1); use https:// for " + url.host());
      }
      return new Http(url, client);
    }
    final Path directory = value.startsWith("file:")
        ? Paths.get(java.net.URI.create(value)) : Paths.get(value);
    return new Directory(directory);
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** How the source is named in messages. */
  public abstract String describe();

  /**
   * The file at {@code path} (relative, {@code /}-separated), at most {@code limit} bytes; null if
   * the registry has no such file.
   */
  abstract byte @Nullable [] read(String path, long limit) throws RegistryException;

  /**
   * The artifacts found by listing {@code dist/<provider>/<version>.tgz}, for a registry without
   * {@code dist/providers.yaml}; null where files cannot be listed (over HTTP).
   */
  @Nullable ProviderIndex listArtifacts() throws RegistryException {
    return null;
  }

  static byte[] readBounded(InputStream in, long limit, String what) throws IOException, RegistryException {
    final byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (bytes.length > limit) {
      throw new RegistryException(what + " is larger than " + (limit >> 20) + " MiB; refused");
    }
    return bytes;
  }

  /** A registry served over HTTP(S). */
  private static final class Http extends RegistrySource {
    private final HttpUrl base;
    private final OkHttpClient client;

    Http(HttpUrl base, OkHttpClient client) {
      this.base = base;
      this.client = client;
    }

    @Override public String describe() {
      return base.toString();
    }

    @Override byte @Nullable [] read(String path, long limit) throws RegistryException {
      final HttpUrl url = requireNonNull(base.newBuilder().addPathSegments(path).build(), "url");
      final Request request = new Request.Builder().url(url).get().build();
      try (Response response = client.newCall(request).execute()) {
        if (response.code() == 404) {
          return null;
        }
        if (!response.isSuccessful()) {
          throw new RegistryException("registry " + describe() + " answered HTTP " + response.code()
              + " for " + path);
        }
        final ResponseBody body = requireNonNull(response.body(), "body");
        if (body.contentLength() > limit) {
          throw new RegistryException(url + " is larger than " + (limit >> 20) + " MiB; refused");
        }
        return readBounded(body.byteStream(), limit, url.toString());
      } catch (IOException e) {
        throw new RegistryException("cannot reach registry " + describe() + ": " + e.getMessage()
            + "; check the network or set registry=<url or directory>", e);
      }
    }
  }

  /** A registry laid out in a local directory. */
  private static final class Directory extends RegistrySource {
    private final Path root;

    Directory(Path root) {
      this.root = root.toAbsolutePath().normalize();
    }

    @Override public String describe() {
      return root.toString();
    }

    @Override byte @Nullable [] read(String path, long limit) throws RegistryException {
      if (!Files.isDirectory(root)) {
        throw new RegistryException("property registry: directory " + root + " does not exist");
      }
      final Path file = root.resolve(path).normalize();
      if (!file.startsWith(root)) {
        throw new RegistryException("'" + path + "' is outside registry " + root);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return readBounded(in, limit, file.toString());
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw new RegistryException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    @Override @Nullable ProviderIndex listArtifacts() throws RegistryException {
      final Path dist = root.resolve("dist");
      if (!Files.isDirectory(dist)) {
        return null;
      }
      final java.util.Map<String, java.util.List<String>> versions = new java.util.TreeMap<>();
      try (java.util.stream.Stream<Path> providers = Files.list(dist)) {
        for (Path provider : (Iterable<Path>) providers.filter(Files::isDirectory)::iterator) {
          try (java.util.stream.Stream<Path> artifacts = Files.list(provider)) {
            final java.util.List<String> found = artifacts.map(a -> a.getFileName().toString())
                .filter(name -> name.endsWith(".tgz"))
                .map(name -> name.substring(0, name.length() - ".tgz".length()))
                .sorted(VersionOrder.INSTANCE).toList();
            if (!found.isEmpty()) {
              versions.put(provider.getFileName().toString(), found);
            }
          }
        }
      } catch (IOException e) {
        throw new RegistryException("cannot list " + dist + ": " + e.getMessage(), e);
      }
      return new ProviderIndex(versions);
    }
  }
}
