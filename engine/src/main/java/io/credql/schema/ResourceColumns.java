package io.credql.schema;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.SqlNames;
import io.credql.document.SqlVerb;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The columns of a resource: the fields of its SELECT methods' rows (first method first), then
 * every input of those methods (path, query, header, server variable, and the body fields of a
 * SELECT sent as POST), each usable in WHERE. A resource without SELECT methods takes the fields
 * of all its methods, so DESCRIBE still shows something useful.
 */
public final class ResourceColumns {
  private final List<ResourceColumn> columns;

  private ResourceColumns(List<ResourceColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  public static ResourceColumns of(ResourceDefinition resource) {
    if (resource.isView() && resource.methods().isEmpty()) {
      final List<ResourceColumn> columns = new ArrayList<>();
      for (ResourceDefinition.ViewColumn column : resource.viewColumns()) {
        columns.add(new ResourceColumn(column.name(), column.type(), !column.parameter(),
            column.parameter(), column.description()));
      }
      return new ResourceColumns(columns);
    }
    final Collection<MethodDefinition> methods = resource.isSelectable()
        ? resource.methodsFor(SqlVerb.SELECT) : resource.methods();
    final Map<String, ResourceColumn> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<String> order = new ArrayList<>();
    for (MethodDefinition method : methods) {
      final SchemaNode row = method.rowSchema();
      if (row == null) {
        continue;
      }
      final boolean snake = method.config().path("snake_case_aliases").asBoolean(false);
      for (Map.Entry<String, SchemaNode> field : row.properties().entrySet()) {
        final SchemaNode schema = field.getValue();
        final String name = schema.alias() != null ? schema.alias()
            : SqlNames.of(field.getKey(), snake);
        if (!byName.containsKey(name)) {
          byName.put(name, new ResourceColumn(name, field.getKey(),
              schema.isStringOnly() ? "string" : schema.type(), true, false, schema.description()));
          order.add(name);
        }
      }
    }
    for (MethodDefinition method : methods) {
      for (ParameterDefinition input : method.inputs()) {
        if (input.location() == ParameterDefinition.Location.BODY && !resource.isSelectable()) {
          continue;
        }
        final String name = input.sqlName();
        final ResourceColumn existing = byName.get(name);
        if (existing == null) {
          byName.put(name, new ResourceColumn(name, input.name(), input.type(), false, true,
              input.description()));
          order.add(name);
        } else if (!existing.isParameter()) {
          byName.put(name, existing.asParameter());
        }
      }
    }
    final List<ResourceColumn> columns = new ArrayList<>();
    for (String name : order) {
      columns.add(byName.get(name));
    }
    return new ResourceColumns(columns);
  }

  public List<ResourceColumn> list() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  public ResourceColumn get(int index) {
    return columns.get(index);
  }

  /** Index of the column called {@code name} (ignoring case), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public @Nullable ResourceColumn find(String name) {
    final int i = indexOf(name);
    return i < 0 ? null : columns.get(i);
  }

  @Override public String toString() {
    return columns.toString().toLowerCase(Locale.ROOT);
  }
}
