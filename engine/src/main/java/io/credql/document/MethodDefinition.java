package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A method of a resource: one OpenAPI operation, with everything needed to call it and to turn its
 * response into rows. Methods named {@code _m} are the raw-response twins StackQL offers for every
 * SELECT method {@code m}.
 */
public final class MethodDefinition {
  /** The request body translation whose inputs are the properties of the body's {@link #DESIRED_STATE}. */
  public static final String NAIVE_DESIRED_STATE = "naive_DesiredState";
  /** The body field AWS Cloud Control's create takes the resource's properties in, as JSON text. */
  public static final String DESIRED_STATE = "DesiredState";

  /** The one column of rows that are plain values, named as StackQL names it. */
  public static final String ANONYMOUS_COLUMN = "column_anon";

  private final ResourceDefinition resource;
  private final String name;
  private final SqlVerb sqlVerb;
  private final String httpMethod;
  private final String pathTemplate;
  private final String pointer;
  private final List<ParameterDefinition> parameters;
  private final List<ServerDefinition> servers;
  private final @Nullable SchemaNode requestBody;
  private final boolean requestBodyRequired;
  private final Map<String, String> bodyFieldNames;
  private final List<ParameterDefinition> bodyFields;
  private final @Nullable ObjectKey objectKey;
  private final @Nullable SchemaNode responseSchema;
  private final @Nullable SchemaNode asyncResponseSchema;
  private final RequestConfig request;
  private final ResponseConfig response;
  private final JsonNode config;
  private final @Nullable PaginationConfig pagination;
  private final @Nullable String description;
  private final boolean raw;
  private final List<String> validators;
  private final @Nullable InvalidDocumentException defect;
  /**
   * The row schema and the fields marked secret, worked out on first use: a fan-out decodes every
   * response with them, and narrowing by a JSONPath objectKey evaluates the path on a skeleton of
   * the schema (a third of a listing page's decoding when it was done per response).
   */
  private final Supplier<@Nullable SchemaNode> selectedRowSchema = Suppliers.memoize(this::narrowRowSchema);
  private final Supplier<List<String>> secretFields = Suppliers.memoize(this::markedSecretFields);

  MethodDefinition(ResourceDefinition resource, String name, SqlVerb sqlVerb, String httpMethod,
      String pathTemplate, String pointer, List<ParameterDefinition> parameters,
      List<ServerDefinition> servers, @Nullable SchemaNode requestBody, boolean requestBodyRequired,
      Map<String, String> bodyFieldNames, List<ParameterDefinition> bodyFields,
      @Nullable ObjectKey objectKey, @Nullable SchemaNode responseSchema,
      @Nullable SchemaNode asyncResponseSchema, RequestConfig request, ResponseConfig response,
      JsonNode config,
      @Nullable PaginationConfig pagination, @Nullable String description, boolean raw,
      List<String> validators, @Nullable InvalidDocumentException defect) {
    this.resource = requireNonNull(resource, "resource");
    this.name = requireNonNull(name, "name");
    this.sqlVerb = requireNonNull(sqlVerb, "sqlVerb");
    this.httpMethod = requireNonNull(httpMethod, "httpMethod");
    this.pathTemplate = requireNonNull(pathTemplate, "pathTemplate");
    this.pointer = requireNonNull(pointer, "pointer");
    this.parameters = List.copyOf(parameters);
    this.servers = List.copyOf(servers);
    this.requestBody = requestBody;
    this.requestBodyRequired = requestBodyRequired;
    this.bodyFieldNames = Collections.unmodifiableMap(new LinkedHashMap<>(bodyFieldNames));
    this.bodyFields = List.copyOf(bodyFields);
    this.objectKey = objectKey;
    this.responseSchema = responseSchema;
    this.asyncResponseSchema = asyncResponseSchema;
    this.request = requireNonNull(request, "request");
    this.response = requireNonNull(response, "response");
    this.config = requireNonNull(config, "config");
    this.pagination = pagination;
    this.description = description;
    this.raw = raw;
    this.validators = List.copyOf(validators);
    this.defect = defect;
  }

  /**
   * A method whose document entry cannot be read at all (no operation, a bad {@code $ref} in its
   * parameters): it takes no inputs, so that whichever statement reaches it gets {@code defect}.
   */
  static MethodDefinition defective(ResourceDefinition resource, String name, SqlVerb sqlVerb,
      String pointer, InvalidDocumentException defect) {
    return new MethodDefinition(resource, name, sqlVerb, "GET", "", pointer, List.of(), List.of(),
        null, false, Map.of(), List.of(), null, null, null, RequestConfig.DEFAULT,
        new ResponseConfig(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), null),
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null, null, false,
        List.of(), requireNonNull(defect, "defect"));
  }

  /** The twin of {@code method} that returns the raw response, named {@code _<name>}. */
  static MethodDefinition rawTwin(MethodDefinition method) {
    return new MethodDefinition(method.resource, "_" + method.name, SqlVerb.EXEC,
        method.httpMethod, method.pathTemplate, method.pointer, method.parameters, method.servers,
        method.requestBody, method.requestBodyRequired, method.bodyFieldNames, method.bodyFields,
        null, method.responseSchema, method.asyncResponseSchema, method.request, method.response,
        method.config, null, method.description, true, method.validators, method.defect);
  }

  /**
   * The fault of the document that keeps this method from being called (a request default that is
   * not JSON, an unknown pagination algorithm, a bad {@code $ref}), or null. It is kept here, not
   * thrown when the document is read, so that it fails this method only, when a statement uses it.
   */
  public @Nullable InvalidDocumentException defect() {
    return defect;
  }

  public ResourceDefinition resource() {
    return resource;
  }

  public String name() {
    return name;
  }

  /** {@code provider.service.resource.method}. */
  public String id() {
    return resource.id() + "." + name;
  }

  public SqlVerb sqlVerb() {
    return sqlVerb;
  }

  /** Upper-case HTTP method. */
  public String httpMethod() {
    return httpMethod;
  }

  /**
   * Whether calling this method may change something: anything but GET and HEAD, except a method
   * the document maps to SELECT (and its raw twin), which reads whatever verb it is sent with
   * (AWS's JSON protocol reads with POST); and a GET that is sent as a form POST or mapped to
   * INSERT, UPDATE, REPLACE or DELETE, which changes what it names.
   */
  public boolean isMutation() {
    final MethodDefinition read = raw ? resource.method(name.substring(1)) : this;
    if (read != null && resource.methodsFor(SqlVerb.SELECT).contains(read)) {
      return false;
    }
    if ("GET".equals(httpMethod) || "HEAD".equals(httpMethod)) {
      // A GET changes something when the document sends it as a form POST (AWS's query protocol:
      // ModifyDBInstance is a GET in StackQL's RDS document) or maps it to a changing verb.
      return requestTranslate() != null || isMappedToChangingVerb();
    }
    return true;
  }

  private boolean isMappedToChangingVerb() {
    for (SqlVerb verb : List.of(SqlVerb.INSERT, SqlVerb.UPDATE, SqlVerb.REPLACE, SqlVerb.DELETE)) {
      if (resource.methodsFor(verb).contains(this)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code request} block: media type, base and default bodies, required fields. */
  public RequestConfig request() {
    return request;
  }

  /** The {@code response} block: media types and transform. */
  public ResponseConfig response() {
    return response;
  }

  /** {@code config.requestTranslate.algorithm} (e.g. {@code get_query_to_post_form_utf_8}), or null. */
  public @Nullable String requestTranslate() {
    return ProviderDocument.text(config.path("requestTranslate"), "algorithm");
  }

  /** {@code config.requestBodyTranslate.algorithm} (e.g. {@code naive}, {@code naive_DesiredState}), or null. */
  public @Nullable String requestBodyTranslate() {
    return ProviderDocument.text(config.path("requestBodyTranslate"), "algorithm");
  }

  /** {@code config.queryParamTranspose.algorithm} (e.g. {@code AWSCanonical}), or null. */
  public @Nullable String queryParamTranspose() {
    return ProviderDocument.text(config.path("queryParamTranspose"), "algorithm");
  }

  /**
   * The method's {@code config} after inheritance (provider, providerService, service, resource,
   * method; each key a whole block): {@code auth}, {@code pagination}, {@code queryParamPushdown}, ...
   */
  public JsonNode config() {
    return config;
  }

  /** Schema of the response of an operation that has not finished yet ({@code async_schema_override}), or null. */
  public @Nullable SchemaNode asyncResponseSchema() {
    return asyncResponseSchema;
  }

  /** Path template relative to the server, e.g. {@code /databases/postgresql/instances/{instanceId}}. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** JSON pointer of the operation in its service document. */
  public String operationPointer() {
    return pointer;
  }

  /** Path, query and header parameters (not the pagination token). */
  public List<ParameterDefinition> parameters() {
    return parameters;
  }

  public List<ServerDefinition> servers() {
    return servers;
  }

  /** Variables of the first server; StackQL makes every one of them a required input. */
  public List<ParameterDefinition> serverVariables() {
    if (servers.isEmpty()) {
      return List.of();
    }
    final List<ParameterDefinition> variables = new ArrayList<>(servers.get(0).variables().values());
    variables.sort(Comparator.comparing(ParameterDefinition::name));
    return variables;
  }

  /** The request body schema, or null when the operation takes none. */
  public @Nullable SchemaNode requestBody() {
    return requestBody;
  }

  public boolean isRequestBodyRequired() {
    return requestBodyRequired;
  }

  /** Top-level request-body fields as inputs, named as SQL sees them (after {@code requestBodyTranslate}). */
  public List<ParameterDefinition> bodyFields() {
    return bodyFields;
  }

  /** The body field behind an input name ({@code data__name} → {@code name}), or null if it is none. */
  public @Nullable String bodyFieldName(String inputName) {
    return bodyFieldNames.get(inputName);
  }

  /** JSONPath (or XPath, for XML) selecting the rows in the response, or null for the whole response. */
  public @Nullable ObjectKey objectKey() {
    return objectKey;
  }

  /** Schema of the whole response body, or null when there is none. */
  public @Nullable SchemaNode responseSchema() {
    return responseSchema;
  }

  /**
   * Schema of one row: the response schema narrowed by {@code objectKey}, array items unwrapped. A
   * row that is a plain value (an element of a list of strings, or of a list of lists) is an object with the one field
   * {@value #ANONYMOUS_COLUMN}, as in StackQL (any-sdk {@code AnonymousColumnName}).
   */
  public @Nullable SchemaNode rowSchema() {
    final SchemaNode schema = selectedRowSchema();
    return schema != null && schema.isDeclaredPlainValue() ? schema.asPropertyOf(ANONYMOUS_COLUMN) : schema;
  }

  /** Whether each row is a plain value the document declares, which becomes {@value #ANONYMOUS_COLUMN}. */
  public boolean hasPlainValueRows() {
    final SchemaNode schema = selectedRowSchema();
    return schema != null && schema.isDeclaredPlainValue();
  }

  private @Nullable SchemaNode selectedRowSchema() {
    return selectedRowSchema.get();
  }

  private @Nullable SchemaNode narrowRowSchema() {
    SchemaNode schema = responseSchema;
    if (schema == null) {
      return null;
    }
    if (objectKey != null) {
      schema = objectKey.schemaOf(schema);
    }
    if (schema != null && schema.isArray()) {
      schema = schema.items();
    }
    return schema;
  }

  public @Nullable PaginationConfig pagination() {
    return pagination;
  }

  public @Nullable String description() {
    return description;
  }

  /**
   * Fields of a row the document marks secret ({@code format: password}, {@code writeOnly} or
   * {@code x-credql-secret: true}), whatever their names.
   */
  public List<String> secretFields() {
    return requireNonNull(secretFields.get(), "secretFields");
  }

  private List<String> markedSecretFields() {
    final SchemaNode row = isRaw() ? responseSchema : rowSchema();
    final List<String> names = new ArrayList<>();
    if (row != null) {
      row.properties().forEach((name, schema) -> {
        if (schema.isMarkedSecret()) {
          names.add(name);
        }
      });
    }
    return List.copyOf(names);
  }

  /** Names of the request validators ({@code x-credql-validators}) checked before a call is sent. */
  public List<String> validators() {
    return validators;
  }

  /** Whether this is a {@code _m} twin that returns the raw response. */
  public boolean isRaw() {
    return raw;
  }

  /** Every input: path, query and header parameters, body fields, server variables. */
  public List<ParameterDefinition> inputs() {
    final List<ParameterDefinition> inputs = new ArrayList<>(parameters);
    inputs.addAll(bodyFields);
    inputs.addAll(serverVariables());
    return inputs;
  }

  /**
   * The input called {@code name}: by its document name (exact case first), then by its SQL name
   * (a snake_case alias), then ignoring case, then the one input whose name {@code name} spells in
   * another casing ({@code resourceGroupName} for {@code resource_group_name}); or null, also when
   * {@code name} spells several ({@link #inputsSpelled} says which).
   */
  public @Nullable ParameterDefinition input(String name) {
    ParameterDefinition caseless = null;
    for (ParameterDefinition input : inputs()) {
      if (input.name().equals(name) || input.sqlName().equals(name)) {
        return input;
      }
      if (caseless == null && input.isCalled(name)) {
        caseless = input;
      }
    }
    if (caseless != null) {
      return caseless;
    }
    final List<ParameterDefinition> spelled = inputsSpelled(name);
    return spelled.size() == 1 ? spelled.get(0) : null;
  }

  /** The inputs whose names {@code name} spells in some casing ({@link ParameterDefinition#answersTo}). */
  public List<ParameterDefinition> inputsSpelled(String name) {
    final List<ParameterDefinition> spelled = new ArrayList<>();
    for (ParameterDefinition input : inputs()) {
      if (input.answersTo(name)) {
        spelled.add(input);
      }
    }
    return spelled;
  }

  /**
   * What to tell a statement that names {@code name} (written as {@code written}), which is no
   * input of this method: that it spells several, naming them, or that it is unknown, listing the
   * inputs.
   */
  public String unknownInput(String name, String written, String inputNames) {
    final List<ParameterDefinition> spelled = inputsSpelled(name);
    if (spelled.size() > 1) {
      final List<String> names = new ArrayList<>();
      spelled.forEach(input -> names.add(input.name()));
      return written + " is ambiguous: it names both " + String.join(" and ", names)
          + "; write the document's own name";
    }
    return "unknown " + written + " (" + this.name + " takes: " + inputNames + ")";
  }

  /**
   * SQL names of required inputs in StackQL's order: path, query and header parameters (sorted), then
   * request-body fields (sorted), then server variables (sorted).
   */
  public List<String> requiredInputNames() {
    final List<String> names = new ArrayList<>();
    final List<String> body = new ArrayList<>();
    for (ParameterDefinition parameter : parameters) {
      if (parameter.isRequired()) {
        names.add(parameter.sqlName());
      }
    }
    Collections.sort(names);
    for (ParameterDefinition field : bodyFields) {
      if (field.isRequired()) {
        body.add(field.sqlName());
      }
    }
    Collections.sort(body);
    names.addAll(body);
    for (ParameterDefinition variable : serverVariables()) {
      if (variable.envVar() == null) {
        names.add(variable.sqlName());
      }
    }
    return names;
  }

  @Override public String toString() {
    return id() + " (" + httpMethod + " " + pathTemplate + ")";
  }

  String lowerName() {
    return name.toLowerCase(Locale.ROOT);
  }
}
