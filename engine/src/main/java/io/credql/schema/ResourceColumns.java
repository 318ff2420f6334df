package io.credql.schema;

import static java.util.Objects.requireNonNull;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.ServiceDocument;
import io.credql.document.SqlNames;
import io.credql.document.SqlVerb;
import io.credql.error.InvalidInputException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a resource: the fields of its SELECT methods' rows (first method first), then
 * every input of those methods (path, query, header, server variable, and the body fields of a
 * SELECT sent as POST), each usable in WHERE. A resource without SELECT methods takes the fields
 * of all its methods, so DESCRIBE still shows something useful. A name the document types two ways
 * (a field in two methods, or a field and an input) is one column of a type holding both.
 */
public final class ResourceColumns {
  /** A view's SELECT of every column of one resource: {@code select * from provider.service.resource}. */
  private static final Pattern SELECT_STAR =
      Pattern.compile("(?is)\\s*select\\s+\\*\\s+from\\s+(\\w+)\\.(\\w+)\\.(\\w+)\\b");

  private final List<ResourceColumn> columns;

  private ResourceColumns(List<ResourceColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  /**
   * The resource of its own provider a view selects every column of ({@code select * from
   * awscc.cloud_control.resource_requests where ...}, awscc's request views), whose columns are then
   * the view's; null for any other view.
   */
  private static @Nullable ResourceDefinition starredResource(ResourceDefinition view) {
    final String sql = view.viewSql();
    final Matcher matcher = sql == null ? null : SELECT_STAR.matcher(sql);
    if (matcher == null || !matcher.lookingAt()
        || !matcher.group(1).equalsIgnoreCase(view.service().provider().name())) {
      return null;
    }
    final ServiceDocument service = view.service().provider().service(matcher.group(2));
    final ResourceDefinition starred = service == null ? null : service.resource(matcher.group(3));
    return starred == null || starred == view ? null : starred;
  }

  public static ResourceColumns of(ResourceDefinition resource) {
    if (resource.isView() && !resource.isSelectable()) {
      final ResourceDefinition starred = resource.viewColumns().isEmpty() ? starredResource(resource) : null;
      if (starred != null) {
        return of(starred);
      }
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
    for (FieldName field : fieldNames(methods)) {
      final SchemaNode schema = field.schema();
      final String type = schema.isStringOnly() ? "string" : schema.type();
      final ResourceColumn existing = byName.get(field.shown());
      if (existing == null) {
        byName.put(field.shown(), new ResourceColumn(field.shown(), field.key(), type, true, false,
            schema.description(), List.of(field.key())));
        order.add(field.shown());
      } else {
        // methods that type one field differently (Vercel's aliasAssigned) share a column holding both
        byName.put(field.shown(), existing.alsoHolding(type));
      }
    }
    for (MethodDefinition method : methods) {
      for (ParameterDefinition input : method.inputs()) {
        if (input.location() == ParameterDefinition.Location.BODY && !resource.isSelectable()) {
          continue;
        }
        final String name = input.sqlName();
        ResourceColumn existing = byName.get(name);
        if (existing == null) {
          // a field that is this input under another spelling is one column, not two
          existing = byName.values().stream()
              .filter(c -> c.isField() && !c.isParameter() && c.answersTo(input.name()))
              .findFirst().orElse(null);
        }
        if (existing == null) {
          byName.put(name, new ResourceColumn(name, input.name(), input.type(), false, true,
              input.description(), List.of(input.name())));
          order.add(name);
        } else if (!existing.isParameter()) {
          byName.put(existing.name(), existing.asParameter(input.name(), input.type(),
              input.location() == ParameterDefinition.Location.PATH));
        } else if (input.location() == ParameterDefinition.Location.PATH && !existing.isPathParameter()) {
          byName.put(existing.name(), existing.inPath());
        }
      }
    }
    final List<ResourceColumn> columns = new ArrayList<>();
    for (String name : order) {
      columns.add(byName.get(name));
    }
    return new ResourceColumns(columns);
  }

  /** A response field: the document's key, the name SQL shows, and its schema. */
  private record FieldName(String key, String shown, SchemaNode schema) {
  }

  /**
   * The response fields of {@code methods}, each with the name SQL shows for it: its
   * {@code x-stackQL-alias}, else its snake_case form under {@code snake_case_aliases} (as StackQL's
   * runtime names columns, any-sdk {@code schema.go} {@code getPropertiesColumns}; StackQL's reference
   * pages print the document's key instead, and both answer), else its key. When two different
   * keys would show the same snake_case name ({@code groupId} and {@code group_id}), each shows its
   * own key, so that no field hides another.
   */
  private static List<FieldName> fieldNames(Collection<MethodDefinition> methods) {
    final List<FieldName> fields = new ArrayList<>();
    for (MethodDefinition method : methods) {
      final SchemaNode row = method.rowSchema();
      if (row == null) {
        continue;
      }
      final boolean snake = method.config().path("snake_case_aliases").asBoolean(false);
      for (Map.Entry<String, SchemaNode> field : row.properties().entrySet()) {
        final SchemaNode schema = field.getValue();
        fields.add(new FieldName(field.getKey(),
            schema.alias() != null ? schema.alias() : SqlNames.of(field.getKey(), snake), schema));
      }
    }
    final Map<String, Set<String>> keysByShown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (FieldName field : fields) {
      keysByShown.computeIfAbsent(field.shown(), k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
          .add(field.key());
    }
    fields.replaceAll(field -> requireNonNull(keysByShown.get(field.shown()), "shown").size() > 1
        && field.schema().alias() == null ? new FieldName(field.key(), field.key(), field.schema()) : field);
    return fields;
  }

  /** The column that holds, with {@code onCallError=null}, the error of the call a row stands for. */
  public static final String ERROR_COLUMN = "_error";

  /** These columns and the {@value #ERROR_COLUMN} column, NULL in rows the provider gave. */
  public ResourceColumns withErrorColumn() {
    final List<ResourceColumn> all = new ArrayList<>(columns);
    all.add(new ResourceColumn(ERROR_COLUMN, "string", false, false,
        "the provider's error (status and reason) for the call this row stands for; NULL for its rows"));
    return new ResourceColumns(all);
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

  /**
   * Index of the column a statement means by {@code name}: the one called so (ignoring case), else
   * the one {@code name} spells in another way ({@link ResourceColumn#answersTo}); -1 if none.
   *
   * @throws InvalidInputException when {@code name} spells more than one column, naming them
   */
  public int resolve(String name, String resourceId) throws InvalidInputException {
    final int exact = indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    int found = -1;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).answersTo(name)) {
        if (found >= 0) {
          throw new InvalidInputException("Column '" + name + "' is ambiguous in " + resourceId
              + ": it names both " + columns.get(found).name() + " and " + columns.get(i).name()
              + "; write one of those names");
        }
        found = i;
      }
    }
    return found;
  }

  @Override public String toString() {
    return columns.toString().toLowerCase(Locale.ROOT);
  }
}
