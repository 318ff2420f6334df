package io.credql.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.credql.ConformanceDocuments;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS documents credql ships: they load, and they use StackQL's names (services, resources,
 * methods, their SQL verbs, request fields and response columns) as StackQL's own aws provider
 * does in its registry, so that a statement written for one runs on the other.
 */
class AwsDocumentsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String OURS = "io/credql/providers/aws/v00.00.00000/services/";

  @Test
  void theBundledServicesResourcesAndMethodsAreListed() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:credql:");
         Statement statement = connection.createStatement()) {
      assertEquals(Set.of("rds", "secretsmanager"), Set.copyOf(column(statement, "SHOW SERVICES IN aws", "name")));
      assertEquals(Set.of("db_clusters", "db_instances"), Set.copyOf(column(statement, "SHOW RESOURCES IN aws.rds", "name")));
      assertEquals(Set.of("secret_values", "secrets"),
          Set.copyOf(column(statement, "SHOW RESOURCES IN aws.secretsmanager", "name")));
      assertTrue(column(statement, "SHOW METHODS IN aws.rds.db_instances", "MethodName")
          .containsAll(List.of("describe_db_instances", "modify_db_instance")));
      assertTrue(column(statement, "SHOW METHODS IN aws.secretsmanager.secret_values", "MethodName")
          .containsAll(List.of("get_secret_value", "put_secret_value")));
    }
  }

  @Test
  void everyResourceMethodAndVerbHasStackqlsName() throws IOException {
    for (String service : List.of("rds", "secretsmanager")) {
      final JsonNode ours = ours(service).path("components").path("x-stackQL-resources");
      final JsonNode theirs = registry(service).path("components").path("x-stackQL-resources");
      for (Iterator<String> resources = ours.fieldNames(); resources.hasNext(); ) {
        final String resource = resources.next();
        assertTrue(theirs.has(resource), service + "." + resource + " is a resource of StackQL's aws provider");
        for (Iterator<String> methods = ours.get(resource).path("methods").fieldNames(); methods.hasNext(); ) {
          final String method = methods.next();
          assertTrue(theirs.get(resource).path("methods").has(method), service + "." + resource + "." + method
              + " is a method of StackQL's aws provider");
        }
        for (Iterator<String> verbs = ours.get(resource).path("sqlVerbs").fieldNames(); verbs.hasNext(); ) {
          final String verb = verbs.next();
          assertTrue(methodNames(theirs.get(resource).path("sqlVerbs").path(verb))
              .containsAll(methodNames(ours.get(resource).path("sqlVerbs").path(verb))),
              service + "." + resource + " " + verb + " uses StackQL's methods");
        }
      }
    }
  }

  @Test
  void everyRequestFieldAndColumnHasStackqlsName() throws IOException {
    for (String service : List.of("rds", "secretsmanager")) {
      final JsonNode ours = ours(service);
      final JsonNode theirs = registry(service);
      final JsonNode resources = ours.path("components").path("x-stackQL-resources");
      for (Iterator<String> r = resources.fieldNames(); r.hasNext(); ) {
        final String resource = r.next();
        for (Iterator<String> m = resources.get(resource).path("methods").fieldNames(); m.hasNext(); ) {
          final String method = m.next();
          final JsonNode theirMethod = theirs.path("components").path("x-stackQL-resources").path(resource)
              .path("methods").path(method);
          final String where = service + "." + resource + "." + method;
          final Set<String> ourInputs = inputs(ours, operation(ours, resources.get(resource).path("methods").get(method)));
          final Set<String> theirInputs = inputs(theirs, operation(theirs, theirMethod));
          assertTrue(theirInputs.containsAll(ourInputs), where + ": inputs " + ourInputs + " are among StackQL's "
              + theirInputs);
        }
      }
    }
    assertColumns("rds", "DBInstance", "DBInstanceDisplay");
    assertColumns("rds", "DBCluster", "DBClusterDisplay");
    assertColumns("secretsmanager", "SecretListEntry", "SecretListEntry");
    assertColumns("secretsmanager", "DescribeSecretResponse", "DescribeSecretResponse");
    assertColumns("secretsmanager", "GetSecretValueResponse", "GetSecretValueResponse");
    assertColumns("secretsmanager", "PutSecretValueResponse", "PutSecretValueResponse");
  }

  private static void assertColumns(String service, String ourSchema, String theirSchema) throws IOException {
    final Set<String> ours = names(ours(service).path("components").path("schemas").path(ourSchema).path("properties"));
    final Set<String> theirs = names(registry(service).path("components").path("schemas").path(theirSchema)
        .path("properties"));
    assertTrue(!ours.isEmpty() && theirs.containsAll(ours), service + " " + ourSchema + " columns " + ours
        + " are among StackQL's " + theirs);
  }

  /** Query, header and path parameter names and body field names of an operation (X-Amz-* signing parameters aside). */
  private static Set<String> inputs(JsonNode document, JsonNode operation) {
    final Set<String> names = new TreeSet<>();
    for (JsonNode parameter : operation.path("parameters")) {
      final JsonNode resolved = resolve(document, parameter);
      if (!resolved.path("name").asText().startsWith("X-Amz-")) {
        names.add(resolved.path("name").asText());
      }
    }
    for (JsonNode content : operation.path("requestBody").path("content")) {
      names.addAll(names(resolve(document, content.path("schema")).path("properties")));
    }
    return names;
  }

  private static JsonNode operation(JsonNode document, JsonNode method) {
    final JsonNode operation = resolve(document, method.path("operation"));
    assertNotNull(operation);
    return operation;
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      JsonNode target = document;
      for (String part : current.get("$ref").asText().substring(2).split("/")) {
        target = target.path(URLDecoder.decode(part, StandardCharsets.UTF_8).replace("~1", "/").replace("~0", "~"));
      }
      current = target;
    }
    return current;
  }

  private static Set<String> names(JsonNode object) {
    final Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> methodNames(JsonNode refs) {
    final Set<String> names = new TreeSet<>();
    for (JsonNode ref : refs) {
      final String text = ref.path("$ref").asText();
      names.add(text.substring(text.lastIndexOf('/') + 1));
    }
    return names;
  }

  private static JsonNode ours(String service) throws IOException {
    try (InputStream in = AwsDocumentsTest.class.getClassLoader().getResourceAsStream(OURS + service + ".yaml")) {
      return YAML.readTree(in);
    }
  }

  private static JsonNode registry(String service) throws IOException {
    return YAML.readTree(Files.readAllBytes(
        ConformanceDocuments.stackqlProvider("aws").resolve("services/" + service + ".yaml")));
  }

  private static List<String> column(Statement statement, String sql, String label) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(label));
      }
    }
    return values;
  }
}
