package io.credql.corpus;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.SqlVerb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL examples StackQL's provider reference pages show for a resource, laid out as StackQL's
 * doc generator writes them ({@code stackql/stackql-provider-utils}, {@code src/docgen/resource/examples/}
 * {@code select-example.js}, {@code insert-example.js}, {@code update-example.js},
 * {@code delete-example.js}, {@code exec-example.js}): one statement per method, with
 * {@code {{ name }}} placeholders, {@code -- required} comments, {@code data__} body columns unless
 * the method translates its body naively, {@code RETURNING} of the response's fields, and the
 * generator's quirks kept (a comma after {@code --required} lands inside the comment).
 */
final class StackqlDocExamples {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_$@.\\-]+)\\s*}}");

  /**
   * One generated statement: where it comes from, its template, the values for its placeholders,
   * and the required body fields the generator leaves out of it (a SELECT's or DELETE's WHERE
   * holds the method's parameters only).
   */
  record Example(String resource, String method, SqlVerb verb, String template, Map<String, String> values,
      List<String> omittedRequiredBodyFields) {
    /**
     * The statement with its placeholders filled, without the final {@code ;}: the shell and
     * {@code -e}/{@code -f} split statements on it before they reach JDBC, which takes one bare statement.
     */
    String sql() {
      final Matcher matcher = PLACEHOLDER.matcher(template);
      final StringBuilder filled = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(filled, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "demo")));
      }
      matcher.appendTail(filled);
      return filled.toString().stripTrailing().replaceFirst(";$", "");
    }

    /** provider.service.resource.method VERB: how the exceptions file names it. */
    String key() {
      return resource + "." + method + " " + verb;
    }
  }

  private StackqlDocExamples() {
  }

  /** The examples of every method of {@code resource}, named {@code provider.service.resource}. */
  static List<Example> of(String name, ResourceDefinition resource) {
    final List<Example> examples = new ArrayList<>();
    for (MethodDefinition method : resource.methods()) {
      if (method.isRaw()) {
        continue;
      }
      final Map<String, String> values = new LinkedHashMap<>();
      final String sql;
      switch (method.sqlVerb()) {
      case SELECT:
        sql = select(name, method, values);
        break;
      case INSERT:
        sql = insert(name, method, values);
        break;
      case UPDATE:
      case REPLACE:
        sql = update(name, method, values);
        break;
      case DELETE:
        sql = delete(name, method, values);
        break;
      default:
        sql = exec(name, method, values);
        break;
      }
      examples.add(new Example(name, method.name(), method.sqlVerb(), sql, values,
          method.sqlVerb() == SqlVerb.SELECT || method.sqlVerb() == SqlVerb.DELETE
              ? requiredBodyFields(method) : List.of()));
    }
    return examples;
  }

  /** StackQL's requiredParams: required path, query and header parameters, and the server variables. */
  private static List<ParameterDefinition> requiredParams(MethodDefinition method) {
    final List<ParameterDefinition> required = new ArrayList<>();
    for (ParameterDefinition parameter : method.parameters()) {
      if (parameter.isRequired()) {
        required.add(parameter);
      }
    }
    required.addAll(method.serverVariables());
    return required;
  }

  private static List<String> requiredBodyFields(MethodDefinition method) {
    final List<String> required = new ArrayList<>();
    for (ParameterDefinition field : method.bodyFields()) {
      if (field.isRequired()) {
        required.add(field.name());
      }
    }
    return required;
  }

  private static List<ParameterDefinition> optionalParams(MethodDefinition method) {
    final List<ParameterDefinition> optional = new ArrayList<>();
    for (ParameterDefinition parameter : method.parameters()) {
      if (!parameter.isRequired()) {
        optional.add(parameter);
      }
    }
    return optional;
  }

  /** Body fields a user sets: all but the read-only ones. */
  private static List<ParameterDefinition> bodyFields(MethodDefinition method) {
    final List<ParameterDefinition> fields = new ArrayList<>();
    for (ParameterDefinition field : method.bodyFields()) {
      if (field.schema() == null || !field.schema().isReadOnly()) {
        fields.add(field);
      }
    }
    return fields;
  }

  /**
   * The response fields, in the generator's order ({@code sortAndAddProperties} in its
   * {@code helpers.js}): {@code id} and {@code name}, then {@code *_id}, then {@code *_name}, then
   * the rest, each group sorted.
   */
  private static List<String> responseFields(MethodDefinition method) {
    final SchemaNode row = method.rowSchema();
    if (row == null) {
      return List.of();
    }
    final List<String> fields = new ArrayList<>(row.properties().keySet());
    fields.sort(java.util.Comparator.comparingInt(StackqlDocExamples::fieldGroup)
        .thenComparing(java.util.Comparator.naturalOrder()));
    return fields;
  }

  private static int fieldGroup(String field) {
    if (field.equals("id") || field.equals("name")) {
      return 0;
    }
    if (field.endsWith("_id")) {
      return 1;
    }
    return field.endsWith("_name") ? 2 : 3;
  }

  private static String select(String name, MethodDefinition method, Map<String, String> values) {
    final StringBuilder sql = new StringBuilder("SELECT\n");
    final List<String> fields = responseFields(method);
    sql.append(fields.isEmpty() ? "*" : String.join(",\n", fields));
    sql.append("\nFROM ").append(name);
    where(method, " -- required", values, sql);
    return sql.append(";").toString();
  }

  /** The WHERE of SELECT and DELETE examples: required parameters with their comment, then optional ones. */
  private static void where(MethodDefinition method, String requiredComment, Map<String, String> values,
      StringBuilder sql) {
    final List<ParameterDefinition> required = requiredParams(method);
    final List<ParameterDefinition> optional = optionalParams(method);
    if (required.isEmpty() && optional.isEmpty()) {
      return;
    }
    sql.append("\nWHERE ");
    final List<String> clauses = new ArrayList<>();
    for (ParameterDefinition p : required) {
      clauses.add(p.name() + " = '{{ " + p.name() + " }}'" + requiredComment);
      values.put(p.name(), value(p, true));
    }
    for (ParameterDefinition p : optional) {
      clauses.add(p.name() + " = '{{ " + p.name() + " }}'");
      values.put(p.name(), value(p, true));
    }
    sql.append(String.join("\nAND ", clauses));
  }

  private static String insert(String name, MethodDefinition method, Map<String, String> values) {
    final List<String> columns = new ArrayList<>();
    final List<String> selected = new ArrayList<>();
    for (ParameterDefinition field : bodyFields(method)) {
      columns.add(field.name());
      final String placeholder = bodyName(method, field);
      final boolean bare = isNumberOrBoolean(field);
      selected.add((bare ? "{{ " + placeholder + " }}" : "'{{ " + placeholder + " }}'")
          + (field.isRequired() ? " /* required */" : ""));
      values.put(placeholder, value(field, !bare));
    }
    for (ParameterDefinition p : requiredParams(method)) {
      columns.add(p.name());
      selected.add("'{{ " + p.name() + " }}'");
      values.put(p.name(), value(p, true));
    }
    for (ParameterDefinition p : optionalParams(method)) {
      columns.add(p.name());
      selected.add("'{{ " + p.name() + " }}'");
      values.put(p.name(), value(p, true));
    }
    final StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (\n")
        .append(String.join(",\n", columns)).append("\n)\nSELECT \n").append(String.join(",\n", selected));
    returning(method, sql);
    return sql.append("\n;").toString();
  }

  private static String update(String name, MethodDefinition method, Map<String, String> values) {
    final StringBuilder sql = new StringBuilder(method.sqlVerb() == SqlVerb.REPLACE ? "REPLACE " : "UPDATE ")
        .append(name).append("\nSET \n");
    final List<ParameterDefinition> fields = bodyFields(method);
    if (fields.isEmpty()) {
      sql.append("-- No updatable properties");
    } else {
      final List<String> sets = new ArrayList<>();
      for (ParameterDefinition field : fields) {
        final String placeholder = bodyName(method, field);
        final boolean bare = isNumberOrBoolean(field);
        sets.add(field.name() + " = " + (bare ? "{{ " + placeholder + " }}" : "'{{ " + placeholder + " }}'"));
        values.put(placeholder, value(field, !bare));
      }
      sql.append(String.join(",\n", sets));
    }
    sql.append("\nWHERE \n");
    final List<String> clauses = new ArrayList<>();
    for (ParameterDefinition p : requiredParams(method)) {
      clauses.add(p.name() + " = '{{ " + p.name() + " }}' --required");
      values.put(p.name(), value(p, true));
    }
    for (ParameterDefinition field : fields) {
      if (field.isRequired()) {
        final String placeholder = bodyName(method, field);
        final boolean bool = "boolean".equals(field.type());
        clauses.add(field.name() + " = " + (bool ? "{{ " + placeholder + " }}" : "'{{ " + placeholder + " }}'")
            + " --required");
      }
    }
    for (ParameterDefinition p : optionalParams(method)) {
      final boolean bool = "boolean".equals(p.type());
      clauses.add(p.name() + " = " + (bool ? "{{ " + p.name() + "}}" : "'{{ " + p.name() + "}}'"));
      values.put(p.name(), value(p, !bool));
    }
    sql.append(String.join("\nAND ", clauses));
    returning(method, sql);
    return sql.append(";").toString();
  }

  private static String delete(String name, MethodDefinition method, Map<String, String> values) {
    final StringBuilder sql = new StringBuilder("DELETE FROM ").append(name);
    where(method, " --required", values, sql);
    return sql.append(";").toString();
  }

  private static String exec(String name, MethodDefinition method, Map<String, String> values) {
    final StringBuilder sql = new StringBuilder("EXEC ").append(name).append('.').append(method.name()).append(" \n");
    final List<ParameterDefinition> required = requiredParams(method);
    final List<ParameterDefinition> optional = optionalParams(method);
    boolean hasParams = false;
    for (int i = 0; i < required.size(); i++) {
      final ParameterDefinition p = required.get(i);
      // StackQL's generator puts the separating comma after the comment, where it is commented out
      sql.append('@').append(p.name()).append("='{{ ").append(p.name()).append(" }}' --required");
      values.put(p.name(), value(p, true));
      hasParams = true;
      if (i < required.size() - 1 || !optional.isEmpty()) {
        sql.append(", \n");
      }
    }
    for (int i = 0; i < optional.size(); i++) {
      final ParameterDefinition p = optional.get(i);
      final boolean bool = "boolean".equals(p.type());
      sql.append('@').append(p.name()).append('=')
          .append(bool ? "{{ " + p.name() + " }}" : "'{{ " + p.name() + " }}'");
      values.put(p.name(), value(p, !bool));
      hasParams = true;
      if (i < optional.size() - 1) {
        sql.append(", \n");
      }
    }
    final List<ParameterDefinition> body = bodyFields(method);
    if (!body.isEmpty()) {
      if (hasParams) {
        sql.append(" \n");
      }
      sql.append("@@json=\n'{\n");
      for (int i = 0; i < body.size(); i++) {
        final ParameterDefinition field = body.get(i);
        final String key = bodyName(method, field);
        final boolean bare = isNumberOrBoolean(field);
        sql.append('"').append(key).append("\": ").append(bare ? "{{ " + key + " }}" : "\"{{ " + key + " }}\"");
        values.put(key, value(field, false));
        sql.append(i < body.size() - 1 ? ", \n" : "\n");
      }
      sql.append("}'");
    }
    return sql.append(";").toString();
  }

  private static void returning(MethodDefinition method, StringBuilder sql) {
    final List<String> fields = responseFields(method);
    if (!fields.isEmpty()) {
      sql.append("\nRETURNING\n").append(String.join(",\n", fields));
    }
  }

  /** The body field's own name (without {@code data__}), which the generator's placeholders use. */
  private static String bodyName(MethodDefinition method, ParameterDefinition field) {
    final String name = method.bodyFieldName(field.name());
    return name == null ? field.name() : name;
  }

  private static boolean isNumberOrBoolean(ParameterDefinition field) {
    return "number".equals(field.type()) || "integer".equals(field.type()) || "boolean".equals(field.type());
  }

  /**
   * A plausible value for a placeholder: the first enum value, else one of the parameter's type.
   * Quoted placeholders take any text; bare ones need a number or boolean literal.
   */
  private static String value(ParameterDefinition p, boolean quoted) {
    final SchemaNode schema = p.schema();
    if (schema != null && schema.enumeration() != null && schema.enumeration().size() > 0
        && schema.enumeration().get(0).isValueNode()) {
      return schema.enumeration().get(0).asText().replace("'", "''").replace("\"", "");
    }
    switch (p.type()) {
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    default:
      return quoted ? "demo" : "1";
    }
  }
}
