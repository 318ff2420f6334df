package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A test rule for widgets: names may not start with "bad-", and may not exist already. */
public final class WidgetNameValidator implements RequestValidator {
  @Override public String name() {
    return "acme.widget_names";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final List<String> problems = new ArrayList<>();
    final String name = call.body().path("name").asText("");
    if (name.startsWith("bad-")) {
      problems.add("a widget name may not start with bad-");
    }
    final List<JsonNode> widgets = context.read("widgets", "list", Map.of());
    for (JsonNode widget : widgets == null ? List.<JsonNode>of() : widgets) {
      if (widget.path("name").asText().equals(name)) {
        problems.add("widget " + name + " exists already");
      }
    }
    return problems;
  }
}
