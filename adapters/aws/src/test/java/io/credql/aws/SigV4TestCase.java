package io.credql.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One case of AWS's Signature Version 4 test suite ({@code src/test/resources/aws-sig-v4-test-suite},
 * see its SOURCE.md): the request and the canonical request, string to sign, authorization
 * header and signed request AWS publishes for it, with the suite's fixed keys, time and scope.
 */
record SigV4TestCase(String name, String method, String target, List<Map.Entry<String, String>> headers,
    byte[] body, String canonicalRequest, String stringToSign, String authorization, String signedRequest) {
  static final String ACCESS_KEY = "AKIDEXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
  static final Clock CLOCK = Clock.fixed(TIME, ZoneOffset.UTC);
  static final AwsSigningScope SCOPE = new AwsSigningScope("us-east-1", "service");
  /** The session token of {@code post-sts-header-before} (its readme.txt). */
  static final String STS_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxf"
      + "pSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75Y"
      + "U9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3"
      + "iSIlTJabIQwj2ICCR/oLxBA==";

  /** Every case of the suite, in name order. */
  static Stream<SigV4TestCase> all() {
    final URL root = requireNonNull(SigV4TestCase.class.getClassLoader().getResource("aws-sig-v4-test-suite"),
        "aws-sig-v4-test-suite");
    // a directory here; inside this module's test-jar when the simulator module's tests read it
    try (FileSystem jar = "jar".equals(root.toURI().getScheme())
        ? FileSystems.newFileSystem(root.toURI(), Map.of()) : null;
         Stream<Path> files = Files.walk(jar != null ? jar.provider().getPath(root.toURI()) : Paths.get(root.toURI()))) {
      final List<SigV4TestCase> cases = new ArrayList<>();
      for (Path req : files.filter(p -> p.toString().endsWith(".req")).sorted().toList()) {
        cases.add(load(req));
      }
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SigV4TestCase load(Path req) throws IOException {
    final String file = req.getFileName().toString();
    final String name = file.substring(0, file.length() - ".req".length());
    final String request = read(req);
    final int blank = request.indexOf("\n\n");
    final String head = blank < 0 ? request : request.substring(0, blank);
    final byte[] body = blank < 0 ? new byte[0] : request.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
    final String[] lines = head.split("\n");
    final String requestLine = lines[0];
    final String method = requestLine.substring(0, requestLine.indexOf(' '));
    final String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/1.1"));
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
        // a folded continuation of the previous header's value
        final Map.Entry<String, String> last = headers.remove(headers.size() - 1);
        headers.add(new AbstractMap.SimpleImmutableEntry<>(last.getKey(), last.getValue() + "\n" + lines[i]));
        continue;
      }
      final int colon = lines[i].indexOf(':');
      headers.add(new AbstractMap.SimpleImmutableEntry<>(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
    }
    return new SigV4TestCase(name, method, target, headers, body, read(sibling(req, name, ".creq")),
        read(sibling(req, name, ".sts")), read(sibling(req, name, ".authz")), read(sibling(req, name, ".sreq")));
  }

  /** The header lines of the signed request, as {@code name:value} with the name lower-cased, in the file's order. */
  List<String> signedRequestHeaders() {
    final String head = signedRequest.contains("\n\n") ? signedRequest.substring(0, signedRequest.indexOf("\n\n"))
        : signedRequest;
    final List<String> result = new ArrayList<>();
    final String[] lines = head.split("\n");
    for (int i = 1; i < lines.length; i++) {
      final int colon = lines[i].indexOf(':');
      if (lines[i].startsWith(" ") || colon < 0) {
        // a folded continuation of the previous header's value
        result.set(result.size() - 1, result.get(result.size() - 1) + "\n" + lines[i]);
        continue;
      }
      result.add(lines[i].substring(0, colon).toLowerCase(Locale.ROOT) + ":" + lines[i].substring(colon + 1).strip());
    }
    return result;
  }

  /** The path of the request target, as written (not encoded). */
  String path() {
    final int question = target.indexOf('?');
    return question < 0 ? target : target.substring(0, question);
  }

  /** The query of the request target as written, or null. */
  String query() {
    final int question = target.indexOf('?');
    return question < 0 ? null : target.substring(question + 1);
  }

  private static Path sibling(Path req, String name, String extension) {
    return req.resolveSibling(name + extension);
  }

  private static String read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }

  @Override public String toString() {
    return name;
  }
}
