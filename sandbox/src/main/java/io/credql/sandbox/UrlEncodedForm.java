package io.credql.sandbox;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body as a simulated token endpoint reads it: each
 * field once, decoded.
 */
public final class UrlEncodedForm {
  private UrlEncodedForm() {
  }

  /** The fields of {@code body} (none when it is null or empty); a repeated field keeps its last value. */
  public static Map<String, String> parse(@Nullable String body) {
    final Map<String, String> form = new HashMap<>();
    if (body == null || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      final int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
