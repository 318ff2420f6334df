package io.credql.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.InvalidDocumentException;
import io.credql.document.GraphQlQuery;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.ServerDefinition;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.schema.JsonSqlTypes;
import io.credql.spi.BoundCall;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNullElse;

/**
 * Builds the HTTP request of a bound call. Values never change where a request goes: a value in a
 * host name must be one DNS label, a path value is one encoded segment ({@code / ? # %} encoded;
 * empty, {@code .} and {@code ..} refused), and only https is used except towards loopback.
 */
final class RequestFactory {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\+?([^}]+)}");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  /** Dot-separated DNS labels and an optional port: a host without user, path, query or fragment. */
  private static final Pattern HOST_NAME = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GET_QUERY_TO_POST_FORM = "get_query_to_post_form_utf_8";
  /**
   * Base URLs already parsed and found safe, by their text: every call of a fan-out goes to the
   * same one (bounded, as server variables may vary by call).
   */
  private static final Map<String, HttpUrl> CHECKED_BASE_URLS = new ConcurrentHashMap<>();
  private static final int MAX_CHECKED_BASE_URLS = 1024;

  private RequestFactory() {
  }

  /** Refuses a call of {@code method} when its part of the document could not be read. */
  static void refuseIfDefective(MethodDefinition method) throws InvalidInputException {
    final InvalidDocumentException defect = method.defect();
    if (defect != null) {
      throw new InvalidInputException(method.id() + " cannot be called: " + defect.getMessage()
          + "; nothing was sent");
    }
  }

  /**
   * The request for {@code call}, sent to {@code baseUrlOverride} instead of the document's first
   * server when it is not null.
   */
  static PreparedRequest prepare(BoundCall call, @Nullable String baseUrlOverride)
      throws CredqlException {
    return prepare(call, baseUrlOverride, name -> null);
  }

  /**
   * Like {@link #prepare(BoundCall, String)}; an input marked {@code x-stackQL-envVar} that the
   * statement leaves unset takes the variable's value from {@code environment} (a value in the
   * statement wins; the document's default comes after).
   */
  static PreparedRequest prepare(BoundCall bound, @Nullable String baseUrlOverride,
      Function<String, @Nullable String> environment) throws CredqlException {
    final BoundCall call = withEnvironment(bound, environment);
    final MethodDefinition method = call.method();
    refuseIfDefective(method);
    final String responseProblem = method.response().unsupportedTransform();
    final String unsupported = responseProblem != null ? responseProblem : method.request().unsupportedTransform();
    if (unsupported != null) {
      throw new InvalidInputException(method.id() + " cannot be called: " + unsupported
          + "; nothing was sent");
    }
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
    final String template = method.pathTemplate();
    final int question = template.indexOf('?');
    final String pathTemplate = question < 0 ? template : template.substring(0, question);
    final Set<String> slashy = PathTemplates.slashPermitted(pathTemplate);
    for (String segment : pathTemplate.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.indexOf('{') < 0) {
        url.addEncodedPathSegment(segment);
      } else {
        substitutePathSegment(call, segment, slashy, url);
      }
    }
    if (question >= 0 && question + 1 < template.length()) {
      // a path key may carry a fixed query: AWS query-protocol documents put the action there
      // (/?Action=X&Version=Y), StackQL's Azure documents the api-version (...?api-version=2024-08-01)
      final HttpUrl fixed = HttpUrl.get("http://x/?" + template.substring(question + 1));
      for (String name : fixed.queryParameterNames()) {
        url.addQueryParameter(name, fixed.queryParameter(name));
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
        addQueryParameter(method, parameter, value != null ? value : text, url);
        break;
      case HEADER:
        checkHeaderValue(method, parameter.name(), text);
        headers.put(parameter.name(), text);
        break;
      default:
        break;
      }
    }
    call.pushedQuery().forEach((name, value) -> {
      if (call.input(name) == null) {
        url.setQueryParameter(name, value);
      }
    });
    final GraphQlQuery graphQl = method.request().graphQl();
    if (graphQl != null) {
      // any-sdk sends the query to the method's own URL (servers + path key) without its query string
      headers.put("Content-Type", "application/json");
      return new PreparedRequest(call, requireNonNullElse(graphQl.httpVerb(), method.httpMethod()),
          url.build().newBuilder().query(null).build(), headers, GraphQlPages.body(call, graphQl, ""));
    }
    final ObjectNode body = RequestBodies.assemble(call);
    byte[] bytes = null;
    if (body != null) {
      final RequestBodyEncoder.Encoded encoded = RequestBodyEncoder.encode(method, body);
      bytes = encoded.bytes();
      headers.put("Content-Type", encoded.contentType());
    }
    String httpMethod = method.httpMethod();
    HttpUrl built = url.build();
    if (GET_QUERY_TO_POST_FORM.equalsIgnoreCase(method.requestTranslate()) && bytes == null) {
      // StackQL's requestTranslate: the query string becomes a form body sent with POST.
      final String query = built.encodedQuery();
      bytes = (query == null ? "" : query).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      headers.put("Content-Type", RequestBodyEncoder.FORM + "; charset=utf-8");
      built = built.newBuilder().query(null).build();
      httpMethod = "POST";
    }
    return new PreparedRequest(call, httpMethod, built, headers, bytes);
  }

  /**
   * A query parameter: a scalar as it is; a list or object (JSON text) in AWS's canonical query
   * form ({@code Filters.Filter.1.Name=...}) when {@code queryParamTranspose} says
   * {@code AWSCanonical}, else as its JSON text.
   */
  private static void addQueryParameter(MethodDefinition method, ParameterDefinition parameter,
      Object value, HttpUrl.Builder url) {
    final String text = JsonSqlTypes.text(value);
    final String type = parameter.type();
    if ("AWSCanonical".equalsIgnoreCase(method.queryParamTranspose())
        && ("array".equals(type) || "object".equals(type))) {
      try {
        final JsonNode tree = JSON.readTree(text);
        final okhttp3.FormBody.Builder pairs = new okhttp3.FormBody.Builder();
        RequestBodyEncoder.flatten(parameter.name(), tree, parameter.schema(), pairs);
        final okhttp3.FormBody form = pairs.build();
        for (int i = 0; i < form.size(); i++) {
          url.addQueryParameter(form.name(i), form.value(i));
        }
        return;
      } catch (JsonProcessingException e) {
        // not JSON: sent as written
      }
    }
    url.addQueryParameter(parameter.name(), text);
  }

  private static BoundCall withEnvironment(BoundCall call, Function<String, @Nullable String> environment) {
    Map<String, Object> inputs = null;
    for (ParameterDefinition input : call.method().inputs()) {
      if (input.envVar() != null && call.input(input.name()) == null) {
        final String value = environment.apply(input.envVar());
        if (value != null) {
          if (inputs == null) {
            inputs = new LinkedHashMap<>(call.inputs());
          }
          inputs.put(input.name(), value);
        }
      }
    }
    return inputs == null ? call : new BoundCall(call.method(), inputs, call.body()).withPushedQuery(call.pushedQuery());
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
      final String name = variableName(matcher.group(1));
      Object value = call.input(name);
      final ParameterDefinition variable = server == null ? null : server.variables().get(name);
      if (value == null && variable != null && variable.defaultValue() != null) {
        value = variable.defaultValue().asText();
      }
      if (value == null) {
        throw new InvalidInputException(method.id() + " needs a value for server variable "
            + (variable == null ? name : variable.sqlName())
            + (variable != null && variable.envVar() != null
                ? ": give it in WHERE or set the environment variable " + variable.envVar() : ""));
      }
      final String text = JsonSqlTypes.text(value);
      if (isInHost(template, matcher.start())) {
        checkHostLabel(method, name, text, variable, variablePattern(matcher.group(1)));
        matcher.appendReplacement(substituted, Matcher.quoteReplacement(text));
      } else {
        checkPathValue(method, name, text);
        matcher.appendReplacement(substituted,
            Matcher.quoteReplacement(encodedSegment(text)));
      }
    }
    matcher.appendTail(substituted);
    final String text = substituted.toString();
    final HttpUrl known = CHECKED_BASE_URLS.get(text);
    if (known != null) {
      return known;
    }
    final HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw new InvalidInputException("the server URL of " + method.id() + " is not a valid URL: "
          + template);
    }
    if (!"https".equals(url.scheme()) && !isLoopback(url.host())) {
      throw new InvalidInputException("refusing to call " + method.id() + " over " + url.scheme()
          + "://" + url.host() + ": only https is used, except towards loopback addresses");
    }
    if (CHECKED_BASE_URLS.size() < MAX_CHECKED_BASE_URLS) {
      CHECKED_BASE_URLS.put(text, url);
    }
    return url;
  }

  /** Validates every server variable the document puts in a host name, whatever URL is used. */
  private static void checkServerVariables(BoundCall call, ServerDefinition server)
      throws CredqlException {
    final Matcher matcher = VARIABLE.matcher(server.urlTemplate());
    while (matcher.find()) {
      final String name = variableName(matcher.group(1));
      final Object value = call.input(name);
      if (value != null && isInHost(server.urlTemplate(), matcher.start())) {
        checkHostLabel(call.method(), name, JsonSqlTypes.text(value), server.variables().get(name),
            variablePattern(matcher.group(1)));
      }
    }
  }

  /** The name of a server variable written {@code {name}} or, in gorilla/mux's form, {@code {name:pattern}}. */
  private static String variableName(String token) {
    final int colon = token.indexOf(':');
    return colon < 0 ? token : token.substring(0, colon);
  }

  /** The pattern of a variable written {@code {name:pattern}}, or null. */
  private static @Nullable Pattern variablePattern(String token) {
    final int colon = token.indexOf(':');
    if (colon < 0) {
      return null;
    }
    try {
      return Pattern.compile(token.substring(colon + 1));
    } catch (java.util.regex.PatternSyntaxException e) {
      return null; // not a pattern credql can read: the variable keeps the single-label rule
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

  /**
   * Adds the path segment(s) of a template segment with placeholders. A value is one encoded
   * segment, unless its placeholder fills the whole segment and the document lets it hold slashes
   * ({@link PathTemplates#slashPermitted}): then each part between slashes is one encoded segment.
   */
  private static void substitutePathSegment(BoundCall call, String segment, Set<String> slashy,
      HttpUrl.Builder url) throws CredqlException {
    final Matcher matcher = VARIABLE.matcher(segment);
    final StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      final String name = matcher.group(1);
      final String text = pathValue(call, name);
      if (slashy.contains(name) && matcher.start() == 0 && matcher.end() == segment.length()
          && text.indexOf('/') >= 0) {
        if (text.contains("://")) {
          final String linked = linkedName(call.method(), name, text, url);
          checkPathValue(call.method(), name, linked);
          url.addEncodedPathSegment(encodedSegment(linked));
          return;
        }
        for (String part : text.split("/", -1)) {
          checkPathValue(call.method(), name, part);
          url.addEncodedPathSegment(encodedSegment(part));
        }
        return;
      }
      checkPathValue(call.method(), name, text);
      matcher.appendReplacement(result, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(result);
    url.addEncodedPathSegment(encodedSegment(result.toString()));
  }

  /**
   * The name a link stands for in a path slot: Google answers an instance's zone as
   * {@code https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b}, and a join binding
   * it to {@code {zone}} of {@code /compute/v1/projects/{project}/zones/{zone}/instances} means
   * {@code us-east1-b} (StackQL's documents say nothing of links in a path; this reading is
   * credql's). Only the last segment is taken (the link's host is never called), and only when the
   * link's path before it is this request's path so far; any other link is refused, saying what to
   * write instead.
   */
  private static String linkedName(MethodDefinition method, String name, String text, HttpUrl.Builder url)
      throws InvalidInputException {
    final HttpUrl link = HttpUrl.parse(text);
    final List<String> before = url.build().pathSegments();
    if (link != null && link.query() == null && link.fragment() == null) {
      final List<String> segments = link.pathSegments();
      if (segments.size() == before.size() + 1 && segments.subList(0, before.size()).equals(before)) {
        return segments.get(before.size());
      }
    }
    // a link with user information may carry a password: its scheme only, then
    final String shown = text.indexOf('@') < 0 ? text : text.substring(0, text.indexOf("://") + 3) + "...";
    throw new InvalidInputException(name + " of " + method.id() + " is the link '" + shown + "', not a " + name
        + " name, and the link is not to /" + String.join("/", before) + "/...: give " + name
        + " in WHERE, or join on the link's last segment (split_part(x, '/', -1))");
  }

  /**
   * {@code text} as one percent-encoded path segment. OkHttp leaves {@code [} and {@code ]} as they
   * are, but RFC 3986 reserves them outside a host, and servers (Java's among them) refuse such a path.
   */
  static String encodedSegment(String text) {
    return HttpUrl.get("http://x/").newBuilder().addPathSegment(text).build().encodedPathSegments().get(0)
        .replace("[", "%5B").replace("]", "%5D");
  }

  private static String pathValue(BoundCall call, String name) throws CredqlException {
    final ParameterDefinition declared = pathParameter(call.method(), name);
    final String input = declared == null ? name : declared.name();
    Object value = call.input(input);
    if (value == null) {
      final ParameterDefinition parameter = call.method().input(input);
      if (parameter != null && parameter.defaultValue() != null) {
        value = parameter.defaultValue().asText();
      }
    }
    if (value == null) {
      throw new InvalidInputException(call.method().id() + " needs a value for path parameter " + name);
    }
    return JsonSqlTypes.text(value);
  }

  /**
   * The path parameter filling {@code {name}}: the one of that name or, where the document has
   * none, the one whose name differs only by hyphens for underscores (StackQL's GitHub document
   * writes {@code {enterprise_team}} in its paths and declares {@code enterprise-team}).
   */
  private static @Nullable ParameterDefinition pathParameter(MethodDefinition method, String name) {
    ParameterDefinition hyphenated = null;
    for (ParameterDefinition parameter : method.parameters()) {
      if (parameter.location() == ParameterDefinition.Location.PATH) {
        // Google's bigquery names the parameter of {+datasetId} "+datasetId", as the template writes it
        if (parameter.name().equals(name) || parameter.name().equals("+" + name)) {
          return parameter;
        }
        if (parameter.name().replace('-', '_').equals(name)) {
          hyphenated = parameter;
        }
      }
    }
    return hyphenated;
  }

  /**
   * Refuses a host-name value that is not one DNS label, unless the document itself offers it as
   * the variable's default or one of its {@code enum} values (Datadog's {@code site} is
   * {@code datadoghq.com} or {@code us3.datadoghq.com}): the document chose those hosts, the user did not.
   */
  private static void checkHostLabel(MethodDefinition method, String name, String value,
      @Nullable ParameterDefinition variable, @Nullable Pattern pattern) throws InvalidInputException {
    if (pattern != null && pattern.matcher(value).matches() && HOST_NAME.matcher(value).matches()) {
      // the document's own pattern lets this variable be a host name ({host:[^/]+}, StackQL's GitLab)
      return;
    }
    if (!DNS_LABEL.matcher(value).matches() && !offeredByTheDocument(variable, value)) {
      throw new InvalidInputException(name + " of " + method.id() + " must be a single DNS label "
          + "(letters, digits and inner hyphens, at most 63 characters), not '" + printable(value)
          + "': it becomes part of the host name, so it may not add dots, ports, paths or users");
    }
  }

  private static boolean offeredByTheDocument(@Nullable ParameterDefinition variable, String value) {
    if (variable == null) {
      return false;
    }
    final JsonNode defaultValue = variable.defaultValue();
    if (defaultValue != null && value.equals(defaultValue.asText())) {
      return true;
    }
    final SchemaNode schema = variable.schema();
    final JsonNode options = schema == null ? null : schema.enumeration();
    if (options != null && options.isArray()) {
      for (JsonNode option : options) {
        if (value.equals(option.asText())) {
          return true;
        }
      }
    }
    return false;
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
