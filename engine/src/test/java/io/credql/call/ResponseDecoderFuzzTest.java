package io.credql.call;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.schema.JsonSqlTypes;
import org.apache.calcite.sql.type.SqlTypeName;

import java.io.IOException;

/**
 * Fuzzes how provider responses are read: an error body of any bytes becomes a message; a JSON
 * body gives rows through a JSONPath objectKey and page tokens, and each value converts to a SQL
 * type or is rejected with the errors the row reader turns into a clear response error. Nothing
 * else may escape.
 */
class ResponseDecoderFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SqlTypeName[] TYPES = {
      SqlTypeName.BIGINT, SqlTypeName.DOUBLE, SqlTypeName.BOOLEAN, SqlTypeName.VARCHAR};

  @FuzzTest(maxDuration = "60s")
  void anyResponseBodyIsReadOrRejectedCleanly(byte[] body) {
    final ProviderErrors.Described described = ProviderErrors.describe(body, "Bad Request");
    if (described.message == null) {
      throw new AssertionError("an error without a message");
    }
    final JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      return;
    }
    if (tree == null) {
      return;
    }
    for (String path : new String[] {"$.data", "$[*]", "$.items[*].value", "$[-1].cursor", "next_page_token"}) {
      final JsonNode selected = JsonPaths.read(tree, path);
      if (selected == null) {
        continue;
      }
      for (JsonNode row : selected.isArray() ? selected : java.util.List.of(selected)) {
        row.fields().forEachRemaining(field -> {
          for (SqlTypeName type : TYPES) {
            try {
              JsonSqlTypes.fromJson(field.getValue(), type);
            } catch (IllegalArgumentException | ArithmeticException e) {
              // reported to the user as a response that does not match its document
            }
          }
        });
      }
    }
  }
}
