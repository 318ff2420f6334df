package io.credql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.ConformanceDocuments;
import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.session.ProviderCatalog;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.ServiceDocument;
import io.credql.document.SqlVerb;
import io.credql.document.TransformTemplate;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property over every selectable resource of every document in StackQL's registry copy: for a
 * response column {@code c} and a value {@code x} of it, {@code WHERE <required> AND c = x} returns
 * exactly the rows of {@code WHERE <required>} whose {@code c} is {@code x}: a predicate is never
 * dropped, whether {@code c} is only a response field or also a parameter sent to the API (which
 * this fake ignores, as real APIs sometimes do). The fake answers every call with three rows built
 * from the called method's response schema (JSON, or XML for StackQL's schema-driven XML walk).
 */
class EveryPredicateIsHonouredTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int ROWS = 3;
  private static LoopbackJsonServer fake;
  private static volatile MethodDefinition answering;
  /** Response fields that are also bound parameters echo the bound value, as a real API's rows do. */
  private static volatile Map<String, JsonNode> echoes = Map.of();

  @BeforeAll static void start() {
    fake = LoopbackJsonServer.answering(request -> {
      final MethodDefinition method = answering;
      final boolean xml = method.response().isSchemaDrivenXml();
      final String body = xml ? xmlBody(method) : jsonBody(method).toString();
      return Answer.of(200, xml ? "text/xml" : "application/json", body.getBytes(StandardCharsets.UTF_8));
    });
  }

  @AfterAll static void stop() {
    fake.close();
  }

  @Test void aPredicateOnAResponseColumnReturnsExactlyTheMatchingRows() throws Exception {
    final Path registry = ConformanceDocuments.stackqlRegistry();
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(), List.of(registry));
    final List<String> checked = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    // Every provider by directory and by document name (googleapis.com holds google): no call
    // may leave 127.0.0.1, and none needs credentials.
    final Set<String> names = new TreeSet<>(catalog.providerNames());
    catalog.providerNames().forEach(name -> names.add(catalog.provider(name).name()));
    final StringBuilder url = new StringBuilder("jdbc:credql:providers=" + registry + ";auth={");
    for (String provider : names) {
      url.append(url.charAt(url.length() - 1) == '{' ? "" : ", ")
          .append('"').append(provider).append("\": {\"type\": \"null_auth\"}");
    }
    url.append('}');
    for (String provider : names) {
      url.append(";baseUrl.").append(provider).append("=").append(fake.url(""));
    }
    try (Connection connection = DriverManager.getConnection(url.toString())) {
      for (String providerName : catalog.providerNames()) {
        final ProviderDocument provider = catalog.provider(providerName);
        for (ProviderDocument.ServiceEntry entry : provider.serviceEntries().values()) {
          if (!Files.exists(registry.resolve(providerName).resolve(provider.version())
              .resolve("services").resolve(entry.name() + ".yaml"))) {
            continue;
          }
          final ServiceDocument service = provider.service(entry.name());
          for (ResourceDefinition resource : service.resources().values()) {
            if (resource.isSelectable()) {
              check(connection, providerName, resource, checked, failures);
            }
          }
        }
      }
    }
    assertTrue(checked.size() > 100, "columns checked: " + checked.size());
    assertEquals(List.of(), failures, failures.size() + " of " + checked.size() + " checks failed");
  }

  private static void check(Connection connection, String providerName, ResourceDefinition resource,
      List<String> checked, List<String> failures) {
    final MethodDefinition method = resource.methodsFor(SqlVerb.SELECT).get(0);
    if (method.response().unsupportedTransform() != null || method.rowSchema() == null
        || !method.rowSchema().isObject() || describesBodyBeforeWrapping(method)) {
      return;
    }
    final Set<String> required = caseless(method.requiredInputNames());
    final StringBuilder where = new StringBuilder();
    for (String name : method.requiredInputNames()) {
      where.append(where.length() == 0 ? " WHERE " : " AND ").append('"').append(name).append("\" = ")
          .append(literal(method.input(name)));
    }
    final Map<String, JsonNode> echo = new java.util.HashMap<>();
    for (ResourceColumn column : ResourceColumns.of(resource).list()) {
      if (column.isField() && required.contains(column.name())) {
        echo.put(column.fieldName(), echoValue(method.input(column.name())));
      }
    }
    echoes = echo;
    final String table = '"' + providerName + "\".\"" + resource.service().name() + "\".\"" + resource.name() + '"';
    final List<ResourceColumn> candidates = candidates(resource, method, required);
    // One column per resource keeps the run short: a response-only field on every other resource,
    // a field that is also a parameter on the rest (when there is one).
    final List<ResourceColumn> chosen = candidates.isEmpty() ? List.of()
        : List.of(candidates.get(checked.size() % 2 == 1 && candidates.size() > 1 ? 1 : 0));
    for (ResourceColumn column : chosen) {
      final String id = resource.id() + "." + column.name();
      checked.add(id);
      try {
        answering = method;
        final String x = echoes.containsKey(column.fieldName()) ? echoes.get(column.fieldName()).asText()
            : scalar(column.jsonType(), 0).asText();
        // The fake's rows are known: values alternate x, y, x down a list, and a column that echoes
        // a bound value holds it in every row. So one statement per check is enough.
        final boolean echoed = echoes.containsKey(column.fieldName());
        final int rows = answersList(method) ? ROWS : 1;
        final int expected = echoed || rows == 1 ? rows : 2;
        final List<String> filtered = values(connection, "SELECT \"" + column.name() + "\" FROM " + table
            + where + (where.length() == 0 ? " WHERE " : " AND ") + '"' + column.name() + "\" = "
            + sqlLiteral(x, column));
        if (filtered.size() != expected || !filtered.stream().allMatch(x::equals)) {
          failures.add(id + ": expected " + expected + " rows of " + x + " but got " + filtered);
        }
      } catch (SQLException | RuntimeException e) {
        failures.add(id + ": " + e.getMessage());
      }
    }
  }

  /** Whether the method's rows come from a list (three rows from the fake) rather than one object. */
  private static boolean answersList(MethodDefinition method) {
    if (method.response().isSchemaDrivenXml()) {
      return true;
    }
    final SchemaNode response = method.responseSchema();
    if (method.objectKey() == null) {
      final TransformTemplate template = method.response().template();
      return response.isArray() || template != null
          && template.form() == TransformTemplate.Form.FLATTEN_PROPERTIES_LIST;
    }
    if (method.objectKey().text().contains("[*]") || method.objectKey().text().contains("..")) {
      return true;
    }
    final SchemaNode selected = method.objectKey().schemaOf(response);
    return selected != null && selected.isArray();
  }

  /** A wrapping transform whose document describes the body before it is wrapped: its columns are not the rows'. */
  private static boolean describesBodyBeforeWrapping(MethodDefinition method) {
    final TransformTemplate template = method.response().template();
    return template != null && template.form() == TransformTemplate.Form.WRAP
        && !method.responseSchema().properties().containsKey(template.key());
  }

  /** A scalar response column that is only a field, and one that is also a parameter of a method not chosen instead. */
  private static List<ResourceColumn> candidates(ResourceDefinition resource, MethodDefinition method,
      Set<String> required) {
    ResourceColumn field = null;
    ResourceColumn both = null;
    final Set<String> rowFields = method.rowSchema().properties().keySet();
    for (ResourceColumn column : ResourceColumns.of(resource).list()) {
      if (!column.isField() || !rowFields.contains(column.fieldName()) || !isScalar(column)
          || required.contains(column.name())) {
        continue;
      }
      if (!column.isParameter() && field == null) {
        field = column;
      } else if (column.isParameter() && both == null
          && choose(resource, union(required, column.name())) == method) {
        both = column;
      }
    }
    final List<ResourceColumn> result = new ArrayList<>();
    if (field != null) {
      result.add(field);
    }
    if (both != null) {
      result.add(both);
    }
    return result;
  }

  private static MethodDefinition choose(ResourceDefinition resource, Set<String> bound) {
    for (MethodDefinition candidate : resource.methodsFor(SqlVerb.SELECT)) {
      if (bound.containsAll(candidate.requiredInputNames())) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isScalar(ResourceColumn column) {
    return Set.of("string", "integer", "number", "boolean").contains(column.jsonType());
  }

  private static Set<String> caseless(List<String> names) {
    final Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(names);
    return set;
  }

  private static Set<String> union(Set<String> names, String name) {
    final Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(names);
    set.add(name);
    return set;
  }

  private static List<String> values(Connection connection, String sql) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static String literal(ParameterDefinition input) {
    switch (input.type()) {
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "TRUE";
    default:
      return input.schema() != null && input.schema().enumeration() != null
          && input.schema().enumeration().size() > 0
          ? "'" + input.schema().enumeration().get(0).asText().replace("'", "''") + "'" : "'a1'";
    }
  }

  private static JsonNode echoValue(ParameterDefinition input) {
    final String literal = literal(input);
    switch (input.type()) {
    case "integer":
    case "number":
      return NODES.numberNode(1);
    case "boolean":
      return NODES.booleanNode(true);
    default:
      return NODES.textNode(literal.substring(1, literal.length() - 1).replace("''", "'"));
    }
  }

  private static String sqlLiteral(String value, ResourceColumn column) {
    switch (column.jsonType()) {
    case "integer":
    case "number":
    case "boolean":
      return value;
    default:
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /** What the API sends before any transform: rows at the objectKey, and no next-page token. */
  private static JsonNode jsonBody(MethodDefinition method) {
    JsonNode body = generate(method.responseSchema(), 0, 0);
    final TransformTemplate template = method.response().template();
    if (template != null && template.form() == TransformTemplate.Form.WRAP) {
      body = body.path(template.key());
    }
    if (method.pagination() != null && method.pagination().responseToken() != null && body.isObject()
        && !method.pagination().isPageNumber()) {
      final String key = method.pagination().responseToken().key().replaceFirst("^\\$\\.", "");
      ((ObjectNode) body).remove(key);
    }
    if (body.isObject()) {
      // without a pagination config StackQL follows these two by default: a last page has neither
      ((ObjectNode) body).remove(java.util.List.of("nextLink", "nextPageToken"));
    }
    return body;
  }

  private static JsonNode generate(SchemaNode schema, int depth, int row) {
    switch (schema.type()) {
    case "array": {
      final ArrayNode list = NODES.arrayNode();
      if (depth < 4 && schema.items() != null) {
        for (int i = 0; i < ROWS; i++) {
          list.add(generate(schema.items(), depth + 1, i));
        }
      }
      return list;
    }
    case "object": {
      final ObjectNode object = NODES.objectNode();
      if (depth < 5) {
        for (Map.Entry<String, SchemaNode> property : schema.properties().entrySet()) {
          final JsonNode echo = echoes.get(property.getKey());
          object.set(property.getKey(), echo != null ? echo : generate(property.getValue(), depth + 1, row));
        }
      }
      return object;
    }
    default:
      return scalar(schema.type(), row);
    }
  }

  /** Rows 0 and 2 share every value, row 1 differs: a predicate on row 0's value matches two of three. */
  private static JsonNode scalar(String type, int row) {
    final boolean even = row % 2 == 0;
    switch (type) {
    case "integer":
      return NODES.numberNode(even ? 7 : 8);
    case "number":
      return NODES.numberNode(even ? 7.5 : 8.5);
    case "boolean":
      return NODES.booleanNode(even);
    default:
      return NODES.textNode(even ? "x-value" : "y-value");
    }
  }

  /** AWS's query-protocol answer: rows as {@code <item>}s of a list inside {@code <...Result>}. */
  private static String xmlBody(MethodDefinition method) {
    final StringBuilder xml = new StringBuilder("<Response><OperationResult><List>");
    for (int i = 0; i < ROWS; i++) {
      xml.append("<item>");
      for (Map.Entry<String, SchemaNode> field : method.rowSchema().properties().entrySet()) {
        final String type = field.getValue().type();
        if (!type.equals("object") && !type.equals("array")) {
          final JsonNode echo = echoes.get(field.getKey());
          xml.append('<').append(field.getKey()).append('>').append((echo != null ? echo : scalar(type, i)).asText())
              .append("</").append(field.getKey()).append('>');
        }
      }
      xml.append("</item>");
    }
    return xml.append("</List></OperationResult></Response>").toString();
  }
}
