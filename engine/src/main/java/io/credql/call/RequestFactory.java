package io.credql.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ServerDefinition;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.schema.JsonSqlTypes;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the HTTP request of a bound call. Values never change where a request goes: a value in a
 * host name must be one DNS label, a path value is one encoded segment ({@code / ? # %} encoded;
 * empty, {@code .} and {@code ..} refused), and only https is used except towards loopback.
 */
final class RequestFactory {
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestFactory() {
  }

  /**
   * The request for {@code call}, sent to {@code baseUrlOverride} instead of the document's first
   * server when it is not null.
   */
  static PreparedRequest prepare(BoundCall call, @Nullable String baseUrlOverride)
      throws CredqlException {
    final MethodDefinition method = call.method();
    for (ParameterDefinition input : method.inputs()) {
      final Object value = call.input(input.name());
      if (value != null) {
        InputValues.check(method, input, value);
      }
    }
    final HttpUrl base = baseUrl(call, baseUrlOverride);
    final HttpUrl.Builder url = base.newBuilder();
    final int baseSegments = base.pathSize();
    if (baseSegments > 0 && base.pathSegments().get(baseSegments - 1).isEmpty()) {
      url.removePathSegment(baseSegments - 1);
    }
    // A path key may carry a fixed query string (Azure's "...?api-version=2024-08-01" in StackQL's
    // documents): the path is the part before '?', the pairs after it are sent with every call.
    final String template = method.pathTemplate();
    final int queryStart = template.indexOf('?');
    for (String segment : (queryStart < 0 ? template : template.substring(0, queryStart)).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.indexOf('{') < 0) {
        url.addEncodedPathSegment(segment);
      } else {
        url.addPathSegment(substitutePathSegment(call, segment));
      }
    }
    if (queryStart >= 0) {
      for (String pair : template.substring(queryStart + 1).split("&")) {
        final int eq = pair.indexOf('=');
        if (!pair.isEmpty()) {
          url.addEncodedQueryParameter(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
        }
      }
    }
    final Map<String, String> headers = new LinkedHashMap<>();
    for (ParameterDefinition parameter : method.parameters()) {
      final Object value = call.input(parameter.name());
      final String text = value != null ? JsonSqlTypes.text(value)
          : parameter.defaultValue() != null && parameter.location() != ParameterDefinition.Location.QUERY
              ? parameter.defaultValue().asText() : null;
      if (text == null) {
        continue;
      }
      switch (parameter.location()) {
      case QUERY:
        url.addQueryParameter(parameter.name(), text);
        break;
      case HEADER:
        checkHeaderValue(method, parameter.name(), text);
        headers.put(parameter.name(), text);
        break;
      default:
        break;
      }
    }
    byte[] body = null;
    if (call.body() != null) {
      try {
        body = JSON.writeValueAsBytes(call.body());
      } catch (JsonProcessingException e) {
        throw new InvalidInputException("cannot write the request body of " + method.id() + ": "
            + e.getOriginalMessage());
      }
    } else if (method.isRequestBodyRequired() && method.isMutation()) {
      body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return new PreparedRequest(call, method.httpMethod(), url.build(), headers, body);
  }

  private static HttpUrl baseUrl(BoundCall call, @Nullable String override) throws CredqlException {
    final MethodDefinition method = call.method();
    final ServerDefinition server = method.servers().isEmpty() ? null : method.servers().get(0);
    if (server != null) {
      checkServerVariables(call, server);
    }
    final String template = override != null ? override : server != null ? server.urlTemplate() : null;
    if (template == null) {
      throw new InvalidInputException(method.id() + " has no server URL in its document; set baseUrl."
          + method.resource().service().provider().name() + "=https://...");
    }
    final Matcher matcher = VARIABLE.matcher(template);
    final StringBuilder substituted = new StringBuilder();
    while (matcher.find()) {
      final String name = matcher.group(1);
      Object value = call.input(name);
      if (value == null && server != null && server.variables().containsKey(name)
          && server.variables().get(name).defaultValue() != null) {
        value = server.variables().get(name).defaultValue().asText();
      }
      if (value == null) {
        throw new InvalidInputException(method.id() + " needs a value for server variable " + name);
      }
      final String text = JsonSqlTypes.text(value);
      if (isInHost(template, matcher.start())) {
        checkHostLabel(method, name, text);
        matcher.appendReplacement(substituted, Matcher.quoteReplacement(text));
      } else {
        checkPathValue(method, name, text);
        matcher.appendReplacement(substituted,
            Matcher.quoteReplacement(HttpUrl.get("http://x/").newBuilder().addPathSegment(text)
                .build().encodedPathSegments().get(0)));
      }
    }
    matcher.appendTail(substituted);
    final HttpUrl url = HttpUrl.parse(substituted.toString());
    if (url == null) {
      throw new InvalidInputException("the server URL of " + method.id() + " is not a valid URL: "
          + template);
    }
    if (!"https".equals(url.scheme()) && !isLoopback(url.host())) {
      throw new InvalidInputException("refusing to call " + method.id() + " over " + url.scheme()
          + "://" + url.host() + ": only https is used, except towards loopback addresses");
    }
    return url;
  }

  /** Validates every server variable the document puts in a host name, whatever URL is used. */
  private static void checkServerVariables(BoundCall call, ServerDefinition server)
      throws CredqlException {
    final Matcher matcher = VARIABLE.matcher(server.urlTemplate());
    while (matcher.find()) {
      final Object value = call.input(matcher.group(1));
      if (value != null && isInHost(server.urlTemplate(), matcher.start())) {
        checkHostLabel(call.method(), matcher.group(1), JsonSqlTypes.text(value));
      }
    }
  }

  private static boolean isInHost(String template, int position) {
    final int scheme = template.indexOf("://");
    if (scheme < 0 || position < scheme) {
      return false;
    }
    final int pathStart = template.indexOf('/', scheme + 3);
    return pathStart < 0 || position < pathStart;
  }

  static boolean isLoopback(String host) {
    return LoopbackHost.isLoopback(host);
  }

  private static String substitutePathSegment(BoundCall call, String segment) throws CredqlException {
    final Matcher matcher = VARIABLE.matcher(segment);
    final StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      final String name = matcher.group(1);
      Object value = call.input(name);
      if (value == null) {
        final ParameterDefinition parameter = call.method().input(name);
        if (parameter != null && parameter.defaultValue() != null) {
          value = parameter.defaultValue().asText();
        }
      }
      if (value == null) {
        throw new InvalidInputException(call.method().id() + " needs a value for path parameter " + name);
      }
      final String text = JsonSqlTypes.text(value);
      checkPathValue(call.method(), name, text);
      matcher.appendReplacement(result, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static void checkHostLabel(MethodDefinition method, String name, String value)
      throws InvalidInputException {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw new InvalidInputException(name + " of " + method.id() + " must be a single DNS label "
          + "(letters, digits and inner hyphens, at most 63 characters), not '" + printable(value)
          + "': it becomes part of the host name, so it may not add dots, ports, paths or users");
    }
  }

  private static void checkPathValue(MethodDefinition method, String name, String value)
      throws InvalidInputException {
    if (value.isEmpty() || value.equals(".") || value.equals("..")) {
      throw new InvalidInputException(name + " of " + method.id() + " may not be empty, '.' or '..':"
          + " it is one segment of the request path");
    }
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidInputException(name + " of " + method.id()
            + " may not contain control characters (found U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")");
      }
    }
  }

  private static void checkHeaderValue(MethodDefinition method, String name, String value)
      throws InvalidInputException {
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        throw new InvalidInputException("header parameter " + name + " of " + method.id()
            + " may only contain printable ASCII characters");
      }
    }
  }

  private static String printable(String value) {
    final StringBuilder b = new StringBuilder();
    for (char c : value.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.length() > 80 ? b.substring(0, 80) + "..." : b.toString();
  }

  /** Serialises a JSON tree (for tests and dry runs). */
  static String json(JsonNode node) {
    return node.toString();
  }
}
