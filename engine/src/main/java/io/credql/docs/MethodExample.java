package io.credql.docs;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.SqlVerb;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The example statement of one method on a reference page, with a {@code {{ name }}} placeholder
 * for every value: {@code SELECT} for SELECT methods, {@code INSERT} and {@code DELETE} for those
 * verbs, and StackQL's {@code EXEC ... @name='{{ name }}' --required @@json='{...}'} for the rest.
 */
final class MethodExample {
  private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final SqlAbstractParserImpl.Metadata SQL_WORDS =
      CredqlSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

  private final MethodDefinition method;

  MethodExample(MethodDefinition method) {
    this.method = requireNonNull(method, "method");
  }

  /** The statement, ending with {@code ;} on a line of its own (so no comment swallows it). */
  String statement() {
    if (method.isRaw()) {
      return exec();
    }
    switch (method.sqlVerb()) {
    case SELECT:
      return select();
    case INSERT:
      return insert();
    case DELETE:
      return delete();
    default:
      return exec();
    }
  }

  /** The section of the page the example belongs in. */
  static SqlVerb section(MethodDefinition method) {
    if (method.isRaw()) {
      return SqlVerb.EXEC;
    }
    switch (method.sqlVerb()) {
    case SELECT:
    case INSERT:
    case DELETE:
      return method.sqlVerb();
    default:
      return SqlVerb.EXEC;
    }
  }

  private String select() {
    final List<String> fields = new ArrayList<>();
    final SchemaNode row = method.rowSchema();
    if (row != null) {
      for (String field : row.properties().keySet()) {
        fields.add(identifier(field));
      }
    }
    final StringBuilder sql = new StringBuilder("SELECT\n");
    sql.append(fields.isEmpty() ? "*" : String.join(",\n", fields)).append('\n');
    sql.append("FROM ").append(method.resource().id()).append('\n');
    appendWhere(sql);
    return sql.append(";").toString();
  }

  private String insert() {
    final List<ParameterDefinition> inputs = requiredFirst(method.inputs());
    final List<String> required = method.requiredInputNames();
    final StringBuilder sql = new StringBuilder("INSERT INTO ").append(method.resource().id())
        .append(" (\n");
    for (int i = 0; i < inputs.size(); i++) {
      sql.append(identifier(inputs.get(i).name())).append(i < inputs.size() - 1 ? ",\n" : "\n");
    }
    sql.append(")\nVALUES (\n");
    for (int i = 0; i < inputs.size(); i++) {
      final ParameterDefinition input = inputs.get(i);
      sql.append(sqlPlaceholder(input)).append(i < inputs.size() - 1 ? "," : "");
      sql.append(required.contains(input.name()) ? " -- required\n" : "\n");
    }
    return sql.append(")\n;").toString();
  }

  private String delete() {
    final StringBuilder sql = new StringBuilder("DELETE FROM ").append(method.resource().id())
        .append('\n');
    appendWhere(sql);
    return sql.append(";").toString();
  }

  private void appendWhere(StringBuilder sql) {
    String keyword = "WHERE ";
    for (String name : method.requiredInputNames()) {
      final ParameterDefinition input = requireNonNull(method.input(name), name);
      sql.append(keyword).append(identifier(name)).append(" = ").append(sqlPlaceholder(input))
          .append(" -- required\n");
      keyword = "AND ";
    }
  }

  /** Seed 001's layout, trailing blanks included: one {@code @name} per line, the body as {@code @@json}. */
  private String exec() {
    final List<String> required = method.requiredInputNames();
    final List<ParameterDefinition> arguments = new ArrayList<>();
    final List<ParameterDefinition> body = new ArrayList<>();
    for (ParameterDefinition input : requiredFirst(method.inputs())) {
      // an optional header with a default (AWS's X-Amz-Target) is sent without being named
      if (input.location() == ParameterDefinition.Location.HEADER && input.defaultValue() != null
          && !required.contains(input.name())) {
        continue;
      }
      (input.location() == ParameterDefinition.Location.BODY ? body : arguments).add(input);
    }
    final StringBuilder sql = new StringBuilder("EXEC ").append(method.id()).append(" \n");
    for (int i = 0; i < arguments.size(); i++) {
      final ParameterDefinition argument = arguments.get(i);
      sql.append('@').append(argument.name()).append('=').append(sqlPlaceholder(argument))
          .append(i < arguments.size() - 1 ? "," : "")
          .append(required.contains(argument.name()) ? " --required" : "").append(" \n");
    }
    if (!body.isEmpty()) {
      sql.append("@@json=\n'{\n");
      for (int i = 0; i < body.size(); i++) {
        final ParameterDefinition field = body.get(i);
        final String key = requireNonNull(method.bodyFieldName(field.name()), field.name());
        sql.append('"').append(key).append("\": ").append(jsonPlaceholder(field))
            .append(i < body.size() - 1 ? ", \n" : "\n");
      }
      sql.append("}'\n");
    }
    return sql.append(";").toString();
  }

  /** Path, query, header and server inputs: required ones first, in StackQL's order; body fields keep document order. */
  private List<ParameterDefinition> requiredFirst(List<ParameterDefinition> inputs) {
    final List<ParameterDefinition> ordered = new ArrayList<>();
    for (String name : method.requiredInputNames()) {
      final ParameterDefinition input = method.input(name);
      if (input != null && input.location() != ParameterDefinition.Location.BODY) {
        ordered.add(input);
      }
    }
    for (ParameterDefinition input : inputs) {
      if (!ordered.contains(input) && input.location() != ParameterDefinition.Location.BODY) {
        ordered.add(input);
      }
    }
    for (ParameterDefinition input : inputs) {
      if (input.location() == ParameterDefinition.Location.BODY) {
        ordered.add(input);
      }
    }
    return ordered;
  }

  private static String sqlPlaceholder(ParameterDefinition input) {
    final String placeholder = "{{ " + input.name() + " }}";
    return isScalarLiteral(input.type()) ? placeholder : "'" + placeholder + "'";
  }

  private static String jsonPlaceholder(ParameterDefinition input) {
    final String placeholder = "{{ " + input.name() + " }}";
    return isScalarLiteral(input.type()) ? placeholder : "\"" + placeholder + "\"";
  }

  /** Numbers and booleans are written bare; strings, objects and arrays as quoted text. */
  private static boolean isScalarLiteral(String jsonType) {
    return "integer".equals(jsonType) || "number".equals(jsonType) || "boolean".equals(jsonType);
  }

  /** {@code name} as an SQL identifier: double-quoted when it is no plain name or a word SQL reserves. */
  static String identifier(String name) {
    final String upper = name.toUpperCase(Locale.ROOT);
    final boolean plain = SIMPLE_IDENTIFIER.matcher(name).matches()
        && !SQL_WORDS.isReservedWord(upper) && !SQL_WORDS.isContextVariableName(upper)
        && !SQL_WORDS.isReservedFunctionName(upper);
    return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
