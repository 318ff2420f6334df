package io.credql.aws;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A request as it reached the simulator: method, path and query exactly as sent (still
 * percent-encoded), every header line in order, and the body's bytes. What a signature is checked against.
 */
record ReceivedRequest(String method, String rawPath, @Nullable String rawQuery,
    List<Map.Entry<String, String>> headers, byte[] body) {
  ReceivedRequest {
    requireNonNull(method, "method");
    requireNonNull(rawPath, "rawPath");
    headers = List.copyOf(headers);
    requireNonNull(body, "body");
  }

  /** The request WireMock logged. */
  static ReceivedRequest of(LoggedRequest request) {
    final String url = request.getUrl();
    final int question = url.indexOf('?');
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpHeader header : request.getHeaders().all()) {
      for (String value : header.values()) {
        headers.add(new AbstractMap.SimpleImmutableEntry<>(header.key(), value));
      }
    }
    return new ReceivedRequest(request.getMethod().getName(), question < 0 ? url : url.substring(0, question),
        question < 0 ? null : url.substring(question + 1), headers,
        request.getBody() == null ? new byte[0] : request.getBody());
  }

  /** Every value of header {@code name} (any case), in the order received. */
  List<String> headerValues(String name) {
    final List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        values.add(header.getValue());
      }
    }
    return values;
  }

  /** The value of header {@code name} when it was sent exactly once, else null. */
  @Nullable String header(String name) {
    final List<String> values = headerValues(name);
    return values.size() == 1 ? values.get(0) : null;
  }
}
