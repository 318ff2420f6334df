package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * SQLite's {@code json_insert}, {@code json_replace}, {@code json_set} and {@code json_remove},
 * which hide Calcite's MySQL-style functions of the same names: values keep SQLite's types (a
 * number stays a number, a text becomes a JSON string, JSON made by a JSON function is inserted as
 * JSON), pairs apply left to right, a NULL path is skipped (json_remove: gives NULL), and a
 * malformed path is an error naming it.
 */
public final class JsonEditFunctions {
  private JsonEditFunctions() {
  }

  /** {@code json_insert(json, path, value, ...)}: adds what is missing, keeps what is there. */
  public static @Nullable Object jsonInsert(Object[] args) {
    return edit("json_insert", JsonEdit.INSERT, args);
  }

  /** {@code json_replace(json, path, value, ...)}: overwrites what is there, adds nothing. */
  public static @Nullable Object jsonReplace(Object[] args) {
    return edit("json_replace", JsonEdit.REPLACE, args);
  }

  /** {@code json_set(json, path, value, ...)}: overwrites or adds. */
  public static @Nullable Object jsonSet(Object[] args) {
    return edit("json_set", JsonEdit.SET, args);
  }

  /** {@code json_remove(json, path, ...)}: the document without the parts the paths point at. */
  public static @Nullable Object jsonRemove(Object[] args) {
    final JsonPath[] paths = new JsonPath[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      if (args[i] == null) {
        return null;
      }
      paths[i - 1] = JsonPath.parse("json_remove", args[i]);
    }
    JsonNode root = SqliteJson.parse("json_remove", args[0]);
    for (JsonPath path : paths) {
      if (root == null) {
        return null;
      }
      root = JsonEdit.remove(root, path);
    }
    return root == null ? null : SqliteJson.render(root);
  }

  private static @Nullable Object edit(String function, JsonEdit edit, Object[] args) {
    if (args.length % 2 == 0) {
      throw FunctionInputException.of(function, "takes the JSON, then path/value pairs; got an"
          + " even number (" + args.length + ") of arguments");
    }
    final JsonPath[] paths = new JsonPath[args.length / 2];
    for (int i = 1; i < args.length; i += 2) {
      paths[i / 2] = args[i] == null ? null : JsonPath.parse(function, args[i]);
    }
    JsonNode root = SqliteJson.parse(function, args[0]);
    if (root == null) {
      return null;
    }
    for (int i = 0; i < paths.length; i++) {
      if (paths[i] != null) {
        root = edit.apply(root, paths[i], SqliteJson.node(args[2 * i + 2]));
      }
    }
    return SqliteJson.render(root);
  }
}
