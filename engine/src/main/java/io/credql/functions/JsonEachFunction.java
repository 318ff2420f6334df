package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * SQLite's table-valued {@code json_each(json[, path])} (the members of the top-level object or
 * array) and {@code json_tree(json[, path])} (every node, depth first), used in FROM with a
 * reference to an earlier table: {@code FROM t, json_each(t.col)}. Columns as SQLite's:
 * key, value, type, atom, id, parent, fullkey, path.
 */
public final class JsonEachFunction {
  private JsonEachFunction() {
  }

  static SqlOperator each(int arguments) {
    return operator("json_each", arguments == 1 ? "each" : "eachAt", arguments);
  }

  static SqlOperator tree(int arguments) {
    return operator("json_tree", arguments == 1 ? "tree" : "treeAt", arguments);
  }

  private static SqlOperator operator(String name, String method, int arguments) {
    final Class<?>[] parameters = arguments == 1
        ? new Class<?>[] {Object.class} : new Class<?>[] {Object.class, Object.class};
    final TableFunction function = requireNonNull(
        TableFunctionImpl.create(Types.lookupMethod(JsonEachFunction.class, method, parameters)),
        method);
    return new SqlUserDefinedTableFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
        new VariadicOperands(arguments, arguments), function);
  }

  public static ScannableTable each(@Nullable Object json) {
    return new Rows("json_each", json, "$", false);
  }

  public static ScannableTable eachAt(@Nullable Object json, @Nullable Object path) {
    return new Rows("json_each", json, path, false);
  }

  public static ScannableTable tree(@Nullable Object json) {
    return new Rows("json_tree", json, "$", true);
  }

  public static ScannableTable treeAt(@Nullable Object json, @Nullable Object path) {
    return new Rows("json_tree", json, path, true);
  }

  /** The rows of one call: computed when scanned. */
  private static final class Rows extends AbstractTable implements ScannableTable {
    private final String function;
    private final @Nullable Object json;
    private final @Nullable Object path;
    private final boolean recursive;

    Rows(String function, @Nullable Object json, @Nullable Object path, boolean recursive) {
      this.function = function;
      this.json = json;
      this.path = path;
      this.recursive = recursive;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      final RelDataType any = nullable(typeFactory, SqlTypeName.ANY);
      final RelDataType text = nullable(typeFactory, SqlTypeName.VARCHAR);
      final RelDataType integer = nullable(typeFactory, SqlTypeName.BIGINT);
      return typeFactory.builder()
          .add("key", any).add("value", any).add("type", text).add("atom", any)
          .add("id", integer).add("parent", integer).add("fullkey", text).add("path", text)
          .build();
    }

    private static RelDataType nullable(RelDataTypeFactory typeFactory, SqlTypeName type) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(type), true);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      final List<Object[]> rows = new ArrayList<>();
      final JsonNode document = SqliteJson.parse(function, json);
      if (document == null || path == null) {
        return Linq4j.asEnumerable(rows);
      }
      final JsonPath at = JsonPath.parse(function, path);
      final JsonNode start = at.find(document);
      if (start == null) {
        return Linq4j.asEnumerable(rows);
      }
      final String fullkey = at.toString();
      final Object key = lastStep(fullkey);
      final String container = key == null ? "$" : fullkey.substring(0, containerEnd(fullkey));
      if (recursive) {
        walk(start, key, fullkey, container, null, rows);
      } else if (start.isContainerNode()) {
        children(start, fullkey, null, rows, false);
      } else {
        rows.add(row(key, start, 0, null, fullkey, container));
      }
      return Linq4j.asEnumerable(rows);
    }

    private void walk(JsonNode node, @Nullable Object key, String fullkey, String container,
        @Nullable Long parent, List<Object[]> rows) {
      final long id = rows.size();
      rows.add(row(key, node, id, parent, fullkey, container));
      if (node.isContainerNode()) {
        children(node, fullkey, id, rows, true);
      }
    }

    private void children(JsonNode node, String path, @Nullable Long parent, List<Object[]> rows,
        boolean deep) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          final String fullkey = path + "[" + i + "]";
          if (deep) {
            walk(node.get(i), (long) i, fullkey, path, parent, rows);
          } else {
            rows.add(row((long) i, node.get(i), rows.size(), parent, fullkey, path));
          }
        }
        return;
      }
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        final String fullkey = path + "." + label(field.getKey());
        if (deep) {
          walk(field.getValue(), field.getKey(), fullkey, path, parent, rows);
        } else {
          rows.add(row(field.getKey(), field.getValue(), rows.size(), parent, fullkey, path));
        }
      }
    }

    private static Object[] row(@Nullable Object key, JsonNode node, long id,
        @Nullable Long parent, String fullkey, String path) {
      final Object value = SqliteJson.sqlValue(node);
      return new Object[] {key, value, SqliteJson.type(node),
          node.isContainerNode() ? null : value, id, parent, fullkey, path};
    }

    /** An object key in a path: bare when it is a letter then letters and digits, else quoted. */
    private static String label(String key) {
      return key.matches("[A-Za-z][A-Za-z0-9]*") ? key : "\"" + key + "\"";
    }

    /** The last step of a path as json_each reports it (label or index), null for {@code $}. */
    private static @Nullable Object lastStep(String path) {
      if (path.equals("$")) {
        return null;
      }
      if (path.endsWith("]")) {
        final String index = path.substring(path.lastIndexOf('[') + 1, path.length() - 1);
        return index.matches("\\d+") ? (Object) Long.parseLong(index) : (Object) index;
      }
      final String step = path.substring(containerEnd(path) + 1);
      return step.startsWith("\"") && step.endsWith("\"") && step.length() > 1
          ? step.substring(1, step.length() - 1) : step;
    }

    /** Where the path of the container of a path's last step ends. */
    private static int containerEnd(String path) {
      if (path.endsWith("]")) {
        return path.lastIndexOf('[');
      }
      if (path.endsWith("\"")) {
        return path.lastIndexOf('"', path.length() - 2) - 1;
      }
      return Math.max(path.lastIndexOf('.'), path.lastIndexOf(']') + 1);
    }
  }
}
