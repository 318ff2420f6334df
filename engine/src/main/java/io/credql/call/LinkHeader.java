package io.credql.call;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Locale;

/**
 * The {@code rel="next"} target of an RFC 8288 (formerly 5988) {@code Link} header, as GitHub
 * sends it: {@code <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"}.
 */
final class LinkHeader {
  private LinkHeader() {
  }

  /** The URL of the link whose {@code rel} includes {@code next}, or null if there is none. */
  static @Nullable String next(@Nullable String header) {
    if (header == null) {
      return null;
    }
    int position = 0;
    while (true) {
      final int open = header.indexOf('<', position);
      if (open < 0) {
        return null;
      }
      final int close = header.indexOf('>', open);
      if (close < 0) {
        return null;
      }
      final String target = header.substring(open + 1, close).trim();
      final int nextLink = header.indexOf('<', close);
      final String parameters = header.substring(close + 1, nextLink < 0 ? header.length() : nextLink);
      if (relIncludesNext(parameters)) {
        return target;
      }
      if (nextLink < 0) {
        return null;
      }
      position = nextLink;
    }
  }

  /** Whether {@code ; rel="next"} or {@code ; rel="prev next"} (quoted or not) is among the parameters. */
  private static boolean relIncludesNext(String parameters) {
    for (String parameter : parameters.split(";")) {
      final int equals = parameter.indexOf('=');
      if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      final String value = parameter.substring(equals + 1).replace(",", " ").replace("\"", " ").trim();
      for (String rel : value.split("\\s+")) {
        if (rel.toLowerCase(Locale.ROOT).equals("next")) {
          return true;
        }
      }
    }
    return false;
  }
}
