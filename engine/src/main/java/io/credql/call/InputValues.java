package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.error.InvalidInputException;
import io.credql.schema.JsonSqlTypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Checks a value bound to a path, query, header or server input against its schema's type and enum. */
final class InputValues {
  private InputValues() {
  }

  static void check(MethodDefinition method, ParameterDefinition input, Object value)
      throws InvalidInputException {
    if (input.location() == ParameterDefinition.Location.BODY) {
      return;
    }
    final String text = JsonSqlTypes.text(value);
    switch (input.type()) {
    case "integer":
      if (!isInteger(value, text)) {
        throw new InvalidInputException(input.name() + " of " + method.id()
            + " must be an integer, not '" + text + "'");
      }
      break;
    case "number":
      try {
        new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(input.name() + " of " + method.id()
            + " must be a number, not '" + text + "'");
      }
      break;
    case "boolean":
      if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
        throw new InvalidInputException(input.name() + " of " + method.id()
            + " must be true or false, not '" + text + "'");
      }
      break;
    default:
      break;
    }
    final JsonNode enumeration = input.schema() == null ? null : input.schema().enumeration();
    if (enumeration != null && enumeration.isArray() && enumeration.size() > 0) {
      final List<String> allowed = new ArrayList<>();
      for (JsonNode option : enumeration) {
        if (option.asText().equals(text)) {
          return;
        }
        allowed.add(option.asText());
      }
      throw new InvalidInputException(input.name() + " of " + method.id() + " must be one of "
          + String.join(", ", allowed) + ", not '" + text + "'");
    }
  }

  private static boolean isInteger(Object value, String text) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return true;
    }
    try {
      return new BigDecimal(text.trim()).stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
