package io.credql.statement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.error.CredqlException;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlDescribeMethod;
import io.credql.sql.SqlDescribeResource;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs StackQL's {@code DESCRIBE [EXTENDED] p.s.r} (the resource's columns: {@code name},
 * {@code type}, + {@code description}) and {@code DESCRIBE METHOD [EXTENDED] p.s.r.m} (its
 * inputs and outputs: {@code name}, {@code type}, {@code param_type}, {@code shape},
 * + {@code description}).
 */
record DescribeHandler(CredqlSession session) implements StatementHandler {
  private static final int SHAPE_DEPTH = 4;

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    return node instanceof SqlDescribeMethod
        ? describeMethod(context, sql, (SqlDescribeMethod) node)
        : describeResource(context, sql, (SqlDescribeResource) node);
  }

  private <T> CalcitePrepare.CalciteSignature<T> describeResource(CalcitePrepare.Context context,
      String sql, SqlDescribeResource describe) throws CredqlException {
    final ResourceDefinition resource = ObjectNames.resource(session, context, describe.resource());
    final List<ResultColumn> columns = new ArrayList<>(List.of(
        ResultColumn.varchar("name"), ResultColumn.varchar("type")));
    if (describe.isExtended()) {
      columns.add(ResultColumn.varchar("description"));
    }
    final List<Object[]> rows = new ArrayList<>();
    for (ResourceColumn column : ResourceColumns.of(resource).list()) {
      rows.add(describe.isExtended()
          ? new Object[] {column.name(), column.jsonType(), column.description()}
          : new Object[] {column.name(), column.jsonType()});
    }
    return Signatures.query(context, sql, columns, List.of(), dataContext -> rows);
  }

  private <T> CalcitePrepare.CalciteSignature<T> describeMethod(CalcitePrepare.Context context,
      String sql, SqlDescribeMethod describe) throws CredqlException {
    final MethodDefinition method = ObjectNames.method(session, context, describe.method());
    final List<ResultColumn> columns = new ArrayList<>(List.of(ResultColumn.varchar("name"),
        ResultColumn.varchar("type"), ResultColumn.varchar("param_type"), ResultColumn.varchar("shape")));
    if (describe.isExtended()) {
      columns.add(ResultColumn.varchar("description"));
    }
    final List<Object[]> rows = new ArrayList<>();
    final List<String> required = method.requiredInputNames();
    final List<ParameterDefinition> inputs = new ArrayList<>(method.inputs());
    inputs.sort((a, b) -> Boolean.compare(!required.contains(a.name()), !required.contains(b.name())));
    for (ParameterDefinition input : inputs) {
      rows.add(row(describe.isExtended(), input.name(), input.type(),
          required.contains(input.name()) ? "input_required" : "input_optional",
          input.schema(), input.description()));
    }
    final SchemaNode output = method.isRaw() ? method.responseSchema() : method.rowSchema();
    if (output != null) {
      for (Map.Entry<String, SchemaNode> field : output.properties().entrySet()) {
        rows.add(row(describe.isExtended(), field.getKey(), field.getValue().type(), "output",
            field.getValue(), field.getValue().description()));
      }
    }
    return Signatures.query(context, sql, columns, List.of(), dataContext -> rows);
  }

  private static Object[] row(boolean extended, String name, String type, String paramType,
      @Nullable SchemaNode schema, @Nullable String description) {
    final String shape = schema != null && (schema.isObject() || schema.isArray())
        ? shape(schema, SHAPE_DEPTH).toString() : null;
    return extended ? new Object[] {name, type, paramType, shape, description}
        : new Object[] {name, type, paramType, shape};
  }

  /** A JSON Schema subset of an object or array value: types, properties, items, required, enum. */
  private static ObjectNode shape(SchemaNode schema, int depth) {
    final ObjectNode shape = JsonNodeFactory.instance.objectNode();
    shape.put("type", schema.type());
    if (schema.enumeration() != null) {
      shape.set("enum", schema.enumeration());
    }
    if (depth == 0) {
      return shape;
    }
    if (schema.isObject()) {
      final Map<String, SchemaNode> properties = schema.properties();
      if (!properties.isEmpty()) {
        final ObjectNode nested = shape.putObject("properties");
        properties.forEach((name, property) -> nested.set(name, shape(property, depth - 1)));
      }
      if (!schema.required().isEmpty()) {
        final ArrayNode required = shape.putArray("required");
        schema.required().forEach(required::add);
      }
    } else if (schema.isArray() && schema.items() != null) {
      shape.set("items", shape(schema.items(), depth - 1));
    }
    return shape;
  }
}
