package io.credql.document;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code components.x-stackQL-resources} of a service document into resources and methods,
 * resolving each method's operation and checking the references on the way.
 */
final class ResourceReader {
  private static final String RESOURCES = "/components/x-stackQL-resources";
  /** any-sdk's reading of a view predicate's parameters ({@code requiredParams == [ a, "b" ]}). */
  private static final Pattern REQUIRED_PARAMS = Pattern.compile("requiredParams\\s*==\\s*\\[([^\\]]*)\\]");
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final String METHODS_REF = "/methods/";

  private final ServiceDocument service;
  private final JsonNode root;

  ResourceReader(ServiceDocument service) {
    this.service = service;
    this.root = service.root();
  }

  Map<String, ResourceDefinition> read() {
    final JsonNode resources = root.path("components").get("x-stackQL-resources");
    if (resources == null || !resources.isObject()) {
      throw service.invalid(RESOURCES, "missing: a StackQL service document declares its resources here");
    }
    final Map<String, ResourceDefinition> result = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = resources.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String pointer = RESOURCES + "/" + SchemaNode.escape(field.getKey());
      if (!field.getValue().isObject()) {
        throw service.invalid(pointer, "expected a mapping describing the resource");
      }
      final ResourceDefinition resource = readResource(field.getKey(), field.getValue(), pointer);
      result.put(resource.name(), resource);
    }
    return result;
  }

  private ResourceDefinition readResource(String key, JsonNode node, String pointer) {
    final String name = node.path("name").asText(key);
    final ResourceDefinition resource = new ResourceDefinition(service, name,
        ProviderDocument.text(node, "title"), ProviderDocument.text(node, "description"));
    final Map<String, SqlVerb> verbOfMethod = new LinkedHashMap<>();
    final Map<SqlVerb, List<String>> methodsOfVerb = readSqlVerbs(node, pointer, verbOfMethod);

    final JsonNode methods = node.path("methods");
    final Map<String, MethodDefinition> byName = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = methods.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String methodPointer = pointer + "/methods/" + SchemaNode.escape(field.getKey());
      final SqlVerb verb = verbOfMethod.getOrDefault(field.getKey(), SqlVerb.EXEC);
      MethodDefinition method;
      try {
        method = readMethod(resource, node, field.getKey(), field.getValue(), methodPointer, verb);
      } catch (InvalidDocumentException e) {
        // one method's fault stays with that method: the rest of the service still works
        method = MethodDefinition.defective(resource, field.getKey(), verb, methodPointer, e);
      }
      byName.put(method.name(), method);
      resource.addMethod(method);
    }
    for (Map.Entry<SqlVerb, List<String>> entry : methodsOfVerb.entrySet()) {
      for (String methodName : entry.getValue()) {
        MethodDefinition method = byName.get(methodName);
        if (method == null) {
          // a verb naming a method that is not there fails that verb when used, not the whole service
          final String verbPointer = pointer + "/sqlVerbs/" + entry.getKey().name().toLowerCase(Locale.ROOT);
          method = MethodDefinition.defective(resource, methodName, entry.getKey(), verbPointer,
              service.invalid(verbPointer, "refers to method '" + methodName + "', which " + name + " does not define"));
          byName.put(methodName, method);
          resource.addMethod(method);
        }
        resource.mapVerb(entry.getKey(), method);
      }
    }
    for (MethodDefinition select : resource.methodsFor(SqlVerb.SELECT)) {
      if (resource.method("_" + select.name()) == null) {
        resource.addMethod(MethodDefinition.rawTwin(select));
      }
    }
    final JsonNode config = node.path("config");
    if (config.has("views")) {
      final List<ResourceDefinition.ViewColumn> columns = new ArrayList<>();
      config.path("docs").path("fields").forEach(field -> columns.add(new ResourceDefinition.ViewColumn(
          field.path("name").asText(), field.path("type").asText("string"),
          ProviderDocument.text(field, "description"), false)));
      config.path("docs").path("requiredParams").forEach(field -> {
        final ResourceDefinition.ViewColumn parameter = new ResourceDefinition.ViewColumn(field.path("name").asText(),
            field.path("type").asText("string"), ProviderDocument.text(field, "description"), true);
        // a required parameter the view also lists as a field (awscc's region) is that one column
        int index = 0;
        while (index < columns.size() && !columns.get(index).name().equalsIgnoreCase(parameter.name())) {
          index++;
        }
        if (index < columns.size()) {
          columns.set(index, parameter);
        } else {
          columns.add(parameter);
        }
      });
      final List<ResourceDefinition.ViewVariant> variants = sqliteViews(config.path("views").path("select"));
      if (columns.isEmpty()) {
        // awscc's views document no fields: their columns are the names their SELECTs give, the
        // first's, then those only a later one gives (the listing that stands in when the
        // Identifier is not given gives no data__Identifier)
        final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ResourceDefinition.ViewVariant variant : variants) {
          ViewOutputNames.of(variant.sql()).stream().filter(names::add).forEach(output -> columns.add(
              new ResourceDefinition.ViewColumn(output, "string", null, false)));
        }
      }
      resource.markView(columns, variants);
    }
    return resource;
  }

  /**
   * The SELECTs of a view for SQLite, StackQL's default dialect: the entry and its fallbacks whose
   * predicate names SQLite (or nothing), each with the parameters its predicate requires
   * ({@code requiredParams == [ data__Identifier ]}), as any-sdk's {@code view.go} reads them.
   */
  private static List<ResourceDefinition.ViewVariant> sqliteViews(JsonNode select) {
    final List<ResourceDefinition.ViewVariant> variants = new ArrayList<>();
    for (JsonNode entry = select; entry.isObject(); entry = entry.path("fallback")) {
      final String predicate = entry.path("predicate").asText("");
      if ((predicate.isEmpty() || predicate.contains("sqlite")) && entry.hasNonNull("ddl")) {
        final List<String> required = new ArrayList<>();
        final Matcher matcher = REQUIRED_PARAMS.matcher(predicate);
        if (matcher.find()) {
          for (String name : matcher.group(1).split(",")) {
            if (!name.isBlank()) {
              required.add(name.replace("\"", "").strip());
            }
          }
        }
        variants.add(new ResourceDefinition.ViewVariant(entry.get("ddl").asText(), required));
      }
    }
    return variants;
  }

  private Map<SqlVerb, List<String>> readSqlVerbs(JsonNode resource, String pointer,
      Map<String, SqlVerb> verbOfMethod) {
    final Map<SqlVerb, List<String>> result = new LinkedHashMap<>();
    final JsonNode sqlVerbs = resource.path("sqlVerbs");
    for (SqlVerb verb : SqlVerb.values()) {
      if (verb == SqlVerb.EXEC) {
        continue;
      }
      final String key = verb.name().toLowerCase(Locale.ROOT);
      final JsonNode list = sqlVerbs.get(key);
      if (list == null || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        throw service.invalid(pointer + "/sqlVerbs/" + key, "expected a list of method $refs");
      }
      for (int i = 0; i < list.size(); i++) {
        final String refPointer = pointer + "/sqlVerbs/" + key + "/" + i + "/$ref";
        final JsonNode ref = list.get(i).get("$ref");
        if (ref == null || !ref.isTextual() || !ref.asText().contains(METHODS_REF)) {
          throw service.invalid(refPointer,
              "expected '#/components/x-stackQL-resources/<resource>/methods/<method>'");
        }
        final String text = ref.asText();
        final String methodName = unescape(text.substring(text.lastIndexOf(METHODS_REF) + METHODS_REF.length()));
        result.computeIfAbsent(verb, v -> new ArrayList<>()).add(methodName);
        verbOfMethod.putIfAbsent(methodName, verb);
      }
    }
    return result;
  }

  private MethodDefinition readMethod(ResourceDefinition resource, JsonNode resourceNode,
      String name, JsonNode node, String pointer, SqlVerb verb) {
    final JsonNode ref = node.path("operation").get("$ref");
    if (ref == null || !ref.isTextual() || !ref.asText().startsWith("#/paths/")) {
      throw service.invalid(pointer + "/operation/$ref",
          "missing: expected '#/paths/<path>/<http method>'");
    }
    final String operationPointer = ref.asText().substring(1);
    final int lastSlash = operationPointer.lastIndexOf('/');
    final String operationMethod = operationPointer.substring(lastSlash + 1);
    final String apiMethod = ProviderDocument.text(node, "apiMethod");
    final String httpMethod = apiMethod != null ? apiMethod.toLowerCase(Locale.ROOT) : operationMethod;
    final String pathItemPointer = operationPointer.substring(0, lastSlash);
    if (!HTTP_METHODS.contains(httpMethod)) {
      throw service.invalid(pointer + (apiMethod != null ? "/apiMethod" : "/operation/$ref"),
          "'" + httpMethod + "' is not an HTTP method");
    }
    final JsonNode operation = service.resolveRef("#" + operationPointer, pointer + "/operation/$ref");
    final JsonNode pathItem = service.resolveRef("#" + pathItemPointer, pointer + "/operation/$ref");
    final String pathTemplate = unescape(pathItemPointer.substring("/paths/".length()));

    final JsonNode config = mergedConfig(node, resourceNode, operation);
    // Faults in the parts below are kept for the method's first use (MethodDefinition.defect), so
    // that one bad block fails one method, not the service; the inputs are read first, whole, as
    // the method chooser needs them.
    final List<InvalidDocumentException> defects = new ArrayList<>();
    final List<ParameterDefinition> parameters = readParameters(pathItem, operation,
        pathItemPointer, operationPointer);
    final PaginationConfig pagination = deferring(defects,
        () -> readPagination(config.path("pagination"), pointer), null);
    final List<ServerDefinition> servers = requireNonNullElse(deferring(defects,
        () -> node.path("servers").isArray() && node.path("servers").size() > 0
            ? readServerList(node.get("servers"), pointer + "/servers")
            : readServers(operation, pathItem, operationPointer, pathItemPointer), null), List.of());
    final RequestConfig restRequest = requireNonNullElse(deferring(defects,
        () -> RequestConfig.read(node.get("request"), service, pointer + "/request"), null),
        RequestConfig.DEFAULT);
    final GraphQlQuery graphQl = operation.has("x-stackQL-graphQL") ? deferring(defects,
        () -> GraphQlQuery.read(operation.get("x-stackQL-graphQL"), service, operationPointer + "/x-stackQL-graphQL"),
        null) : null;
    final RequestConfig request = graphQl == null ? restRequest : restRequest.withGraphQl(graphQl);

    final String translate = config.path("requestBodyTranslate").path("algorithm").asText("default");
    SchemaNode requestBody = null;
    boolean requestBodyRequired = false;
    final Map<String, String> bodyFieldNames = new LinkedHashMap<>();
    final List<ParameterDefinition> bodyFields = new ArrayList<>();
    final JsonNode body = operation.get("requestBody");
    if (body != null) {
      try {
        final JsonNode resolved = service.resolveRef("#" + operationPointer + "/requestBody", pointer);
        final JsonNode bodyNode = resolved.has("$ref")
            ? service.resolveRef(resolved.get("$ref").asText(), operationPointer + "/requestBody/$ref")
            : resolved;
        requestBodyRequired = bodyNode.path("required").asBoolean(false);
        final String bodyPointer = operationPointer + "/requestBody/content";
        final JsonNode content = bodyNode.path("content");
        final String mediaType = request.mediaType() != null && content.has(request.mediaType())
            ? request.mediaType() : content.has("application/json") ? "application/json"
            : content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        if (mediaType != null && content.path(mediaType).has("schema")) {
          requestBody = new SchemaNode(service, content.path(mediaType).get("schema"),
              bodyPointer + "/" + SchemaNode.escape(mediaType) + "/schema");
          final SchemaNode desiredState = requestBody.properties().get(MethodDefinition.DESIRED_STATE);
          if (MethodDefinition.NAIVE_DESIRED_STATE.equals(translate) && desiredState != null) {
            // awscc's create: the statement's columns are the resource's properties, which the
            // request sends as the JSON text of DesiredState (RequestBodies wraps them)
            requestBody = desiredState;
          }
          final Set<String> required = requestBody.required();
          for (Map.Entry<String, SchemaNode> property : requestBody.properties().entrySet()) {
            final String inputName = "naive".equals(translate) || translate.startsWith("naive_")
                ? property.getKey() : "data__" + property.getKey();
            bodyFieldNames.put(inputName, property.getKey());
            bodyFields.add(new ParameterDefinition(inputName, ParameterDefinition.Location.BODY,
                required.contains(property.getKey()), property.getValue(),
                property.getValue().description(), null,
                property.getValue().alias() != null ? property.getValue().alias() : inputName, null));
          }
        }
      } catch (InvalidDocumentException e) {
        defects.add(e);
        requestBody = null;
        bodyFieldNames.clear();
        bodyFields.clear();
      }
    }

    final JsonNode response = node.path("response");
    // a GraphQL operation's rows are at responseSelection when the method names no objectKey (the
    // registry's documents that name both name the same rows)
    final ObjectKey objectKey = deferring(defects, () -> objectKey(response, pointer,
        graphQl == null ? null : graphQl.responseSelection()), null);
    final SchemaNode responseSchema = deferring(defects, () -> response.has("schema_override")
        ? new SchemaNode(service, response.get("schema_override"), pointer + "/response/schema_override")
        : readResponseSchema(operation, operationPointer,
            response.path("openAPIDocKey").asText("200"), response.path("mediaType").asText(null)), null);
    final SchemaNode asyncResponseSchema = response.has("async_schema_override")
        ? new SchemaNode(service, response.get("async_schema_override"),
            pointer + "/response/async_schema_override")
        : null;
    final ResponseConfig responseConfig = new ResponseConfig(response,
        ProviderDocument.text(root.path("info"), "x-protocol"));

    final String description = ProviderDocument.text(operation, "description") != null
        ? ProviderDocument.text(operation, "description") : ProviderDocument.text(operation, "summary");
    final List<String> validators = new ArrayList<>();
    final JsonNode declared = node.get("x-credql-validators");
    if (declared != null && !declared.isArray()) {
      defects.add(service.invalid(pointer + "/x-credql-validators", "expected a list of validator names"));
    } else if (declared != null) {
      declared.forEach(v -> validators.add(v.asText()));
    }
    final boolean snake = config.path("snake_case_aliases").asBoolean(false);
    final Set<String> shared = snake ? sharedSnakeNames(parameters, servers, bodyFields) : Set.of();
    return new MethodDefinition(resource, name, verb, httpMethod.toUpperCase(Locale.ROOT),
        pathTemplate, operationPointer,
        snake ? parameters.stream().map(p -> snakeCased(p, shared)).toList() : parameters,
        snake ? snakeCased(servers, shared) : servers, requestBody, requestBodyRequired,
        bodyFieldNames, snake ? bodyFields.stream().map(f -> snakeCased(f, shared)).toList() : bodyFields,
        objectKey, responseSchema, asyncResponseSchema, request,
        responseConfig, config, pagination, description, false, validators,
        defects.isEmpty() ? null : defects.get(0));
  }

  /** One part of a method read by {@link #deferring}. */
  private interface MethodPart<T> {
    @Nullable T read();
  }

  /** {@code part}, or {@code fallback} with the part's fault added to {@code defects}. */
  private static <T> @Nullable T deferring(List<InvalidDocumentException> defects, MethodPart<T> part,
      @Nullable T fallback) {
    try {
      return part.read();
    } catch (InvalidDocumentException e) {
      defects.add(e);
      return fallback;
    }
  }

  private @Nullable ObjectKey objectKey(JsonNode response, String pointer, @Nullable String responseSelection) {
    final String named = ProviderDocument.text(response, "objectKey");
    final String objectKeyText = named != null ? named : responseSelection;
    if (objectKeyText == null) {
      return null;
    }
    try {
      return ObjectKey.parse(objectKeyText);
    } catch (IllegalArgumentException e) {
      throw service.invalid(pointer + "/response/objectKey",
          requireNonNullElse(e.getMessage(), "'" + objectKeyText + "' is neither a JSONPath nor an XPath"));
    }
  }

  /**
   * A method's {@code config}, falling back key by key (each key a whole block, as the spec says)
   * to its operation's {@code x-stackQL-config}, the resource's, the service document's
   * ({@code x-stackQL-config}), the providerService entry's in {@code provider.yaml}, and the
   * provider's.
   */
  private JsonNode mergedConfig(JsonNode method, JsonNode resource, JsonNode operation) {
    final com.fasterxml.jackson.databind.node.ObjectNode merged =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    final JsonNode[] levels = {
        service.provider().config(), service.entryConfig(), root.path("x-stackQL-config"),
        root.path("components").path("x-stackQL-config"), ProviderDocument.configOf(resource),
        operation.path("x-stackQL-config"), method.path("config")};
    for (JsonNode level : levels) {
      if (level.isObject()) {
        level.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
      }
    }
    return merged;
  }

  private @Nullable PaginationConfig readPagination(JsonNode node, String pointer) {
    if (node == null || !node.isObject()) {
      return null;
    }
    final String algorithm = ProviderDocument.text(node, "algorithm");
    if (algorithm != null && !PaginationConfig.ALGORITHMS.contains(algorithm)) {
      throw service.invalid(pointer + "/config/pagination/algorithm", "'" + algorithm
          + "' is not a pagination algorithm credql knows (" + String.join(", ", PaginationConfig.ALGORITHMS)
          + ", or none for a token)");
    }
    final PaginationConfig.TokenLocation request = tokenLocation(node.path("requestToken"));
    final PaginationConfig.TokenLocation response = tokenLocation(node.path("responseToken"));
    if (request == null || (response == null && !"offset".equals(algorithm))) {
      throw service.invalid(pointer + "/config/pagination", "pagination needs requestToken and "
          + "responseToken (offset paging: requestToken), each with a key and a location");
    }
    return new PaginationConfig(algorithm, request, response,
        tokenLocation(node.path("responseTerminator")));
  }

  private static PaginationConfig.@Nullable TokenLocation tokenLocation(JsonNode node) {
    if (!node.isObject() || !node.hasNonNull("key")) {
      return null;
    }
    // StackQL puts encoding either on the token or under its args
    final String encoding = node.path("encoding").asText(node.path("args").path("encoding").asText(null));
    return new PaginationConfig.TokenLocation(node.get("key").asText(),
        node.path("location").asText("body"), ProviderDocument.text(node, "algorithm"), encoding);
  }

  private List<ParameterDefinition> readParameters(JsonNode pathItem, JsonNode operation,
      String pathItemPointer, String operationPointer) {
    final Map<String, ParameterDefinition> byKey = new LinkedHashMap<>();
    readParameterList(pathItem.path("parameters"), pathItemPointer + "/parameters", byKey);
    readParameterList(operation.path("parameters"), operationPointer + "/parameters", byKey);
    return new ArrayList<>(byKey.values());
  }

  private void readParameterList(JsonNode list, String pointer, Map<String, ParameterDefinition> byKey) {
    if (!list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      final String itemPointer = pointer + "/" + i;
      JsonNode parameter = list.get(i);
      if (parameter.has("$ref")) {
        parameter = service.resolveRef(parameter.get("$ref").asText(), itemPointer + "/$ref");
      }
      final String name = ProviderDocument.text(parameter, "name");
      final String in = ProviderDocument.text(parameter, "in");
      if (parameter.path("name").isNull() && ("query".equals(in) || "header".equals(in))
          && !parameter.path("required").asBoolean(false)) {
        // 'name: null' (StackQL's databricks_workspace has such): an optional parameter nobody can
        // name, so never sent; StackQL's Go reader takes it as the name "" and never sends it either
        continue;
      }
      if (name == null || in == null) {
        throw service.invalid(itemPointer, "a parameter needs 'name' and 'in'");
      }
      final ParameterDefinition.Location location;
      switch (in) {
      case "path":
        location = ParameterDefinition.Location.PATH;
        break;
      case "query":
        location = ParameterDefinition.Location.QUERY;
        break;
      case "header":
        location = ParameterDefinition.Location.HEADER;
        break;
      case "cookie":
        continue;
      default:
        throw service.invalid(itemPointer + "/in", "'" + in + "' is not a parameter location");
      }
      final SchemaNode schema = parameter.has("schema")
          ? new SchemaNode(service, parameter.get("schema"), itemPointer + "/schema") : null;
      final JsonNode defaultValue = schema == null ? null : schema.defaultValue();
      final String envVar = envVar(parameter, schema);
      final boolean required = (location == ParameterDefinition.Location.PATH
          || parameter.path("required").asBoolean(false)) && defaultValue == null && envVar == null;
      final String alias = ProviderDocument.text(parameter, "x-stackQL-alias");
      byKey.put(in + ":" + name, new ParameterDefinition(name, location, required, schema,
          ProviderDocument.text(parameter, "description"), defaultValue,
          alias != null ? alias : schema != null && schema.alias() != null ? schema.alias() : name,
          envVar));
    }
  }

  /** {@code x-stackQL-envVar} of a parameter, a server variable, or their schema; or null. */
  private static @Nullable String envVar(JsonNode declaration, @Nullable SchemaNode schema) {
    final String own = ProviderDocument.text(declaration, "x-stackQL-envVar");
    if (own != null || schema == null) {
      return own;
    }
    return ProviderDocument.text(schema.node(), "x-stackQL-envVar");
  }

  /**
   * {@code input} under {@code snake_case_aliases}: its snake_case name, unless it has an alias or
   * that name is in {@code shared} (the snake_case name of two inputs, {@code api-version} and
   * {@code apiVersion}: each keeps its own, and the shared one names neither).
   */
  private static ParameterDefinition snakeCased(ParameterDefinition input, Set<String> shared) {
    final String snake = SqlNames.snakeCase(input.name());
    return input.sqlName().equals(input.name()) && !shared.contains(snake)
        ? input.withSqlName(snake) : input;
  }

  /** The snake_case names that more than one input of a method would take. */
  private static Set<String> sharedSnakeNames(List<ParameterDefinition> parameters,
      List<ServerDefinition> servers, List<ParameterDefinition> bodyFields) {
    final Map<String, Set<String>> inputsBySnakeName = new HashMap<>();
    final List<ParameterDefinition> all = new ArrayList<>(parameters);
    all.addAll(bodyFields);
    servers.forEach(server -> all.addAll(server.variables().values()));
    for (ParameterDefinition input : all) {
      if (input.sqlName().equals(input.name())) {
        inputsBySnakeName.computeIfAbsent(SqlNames.snakeCase(input.name()), k -> new HashSet<>())
            .add(input.name());
      }
    }
    final Set<String> shared = new HashSet<>();
    inputsBySnakeName.forEach((snake, names) -> {
      if (names.size() > 1) {
        shared.add(snake);
      }
    });
    return shared;
  }

  private static List<ServerDefinition> snakeCased(List<ServerDefinition> servers, Set<String> shared) {
    final List<ServerDefinition> result = new ArrayList<>();
    for (ServerDefinition server : servers) {
      final Map<String, ParameterDefinition> variables = new LinkedHashMap<>();
      server.variables().forEach((name, variable) -> variables.put(name, snakeCased(variable, shared)));
      result.add(new ServerDefinition(server.urlTemplate(), variables));
    }
    return result;
  }

  private List<ServerDefinition> readServers(JsonNode operation, JsonNode pathItem,
      String operationPointer, String pathItemPointer) {
    if (operation.path("servers").isArray() && operation.path("servers").size() > 0) {
      return readServerList(operation.get("servers"), operationPointer + "/servers");
    }
    if (pathItem.path("servers").isArray() && pathItem.path("servers").size() > 0) {
      return readServerList(pathItem.get("servers"), pathItemPointer + "/servers");
    }
    return readServerList(root.path("servers"), "/servers");
  }

  private List<ServerDefinition> readServerList(JsonNode list, String pointer) {
    final List<ServerDefinition> servers = new ArrayList<>();
    if (!list.isArray()) {
      return servers;
    }
    for (int i = 0; i < list.size(); i++) {
      final JsonNode server = list.get(i);
      final String url = ProviderDocument.text(server, "url");
      if (url == null) {
        throw service.invalid(pointer + "/" + i + "/url", "missing: a server needs a url");
      }
      final Map<String, ParameterDefinition> variables = new LinkedHashMap<>();
      final Iterator<Map.Entry<String, JsonNode>> fields = server.path("variables").fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> variable = fields.next();
        final JsonNode spec = variable.getValue();
        final String alias = ProviderDocument.text(spec, "x-stackQL-alias");
        variables.put(variable.getKey(), new ParameterDefinition(variable.getKey(),
            ParameterDefinition.Location.SERVER, true,
            new SchemaNode(service, spec, pointer + "/" + i + "/variables/"
                + SchemaNode.escape(variable.getKey())),
            ProviderDocument.text(spec, "description"), spec.get("default"),
            alias != null ? alias : variable.getKey(), envVar(spec, null)));
      }
      servers.add(new ServerDefinition(url, variables));
    }
    return servers;
  }

  private @Nullable SchemaNode readResponseSchema(JsonNode operation, String operationPointer,
      String docKey, @Nullable String mediaType) {
    final JsonNode responses = operation.path("responses");
    String key = responses.has(docKey) ? docKey : null;
    if (key == null) {
      final Iterator<String> names = responses.fieldNames();
      while (names.hasNext() && key == null) {
        final String candidate = names.next();
        if (candidate.startsWith("2")) {
          key = candidate;
        }
      }
    }
    if (key == null) {
      return null;
    }
    String pointer = operationPointer + "/responses/" + key;
    JsonNode response = responses.get(key);
    if (response.has("$ref")) {
      pointer = pointer + "/$ref";
      response = service.resolveRef(response.get("$ref").asText(), pointer);
    }
    final JsonNode content = response.path("content");
    String type = mediaType != null && content.has(mediaType) ? mediaType
        : content.has("application/json") ? "application/json" : null;
    if (type == null && content.fieldNames().hasNext()) {
      type = content.fieldNames().next();
    }
    if (type == null || !content.path(type).has("schema")) {
      return null;
    }
    return new SchemaNode(service, content.path(type).get("schema"),
        pointer + "/content/" + SchemaNode.escape(type) + "/schema");
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
