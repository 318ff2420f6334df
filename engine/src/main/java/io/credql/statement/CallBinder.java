package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.spi.BoundCall;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.error.CredqlException;
import io.credql.session.CredqlSession;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Binds a statement's values to a method's inputs: each named value (an EXEC {@code @argument}, an
 * INSERT column, a SET column, a WHERE column) goes to the path, query, header, server variable or
 * body field the operation declares, and an EXEC's {@code @@json} is the body they join. The
 * request is checked completely (unknown names, missing required inputs, the body against its
 * schema, the path against its types) before anything is sent. EXEC and every DML statement bind
 * here.
 */
final class CallBinder {
  /** One named value of a statement, and whether it came from a secret source. */
  static final class Argument {
    final String name;
    final @Nullable Object value;
    final boolean secret;

    Argument(String name, @Nullable Object value, boolean secret) {
      this.name = requireNonNull(name, "name");
      this.value = value;
      this.secret = secret;
    }
  }

  /** How the statement's values are called in messages: {@code @name} arguments, or columns. */
  enum Naming {
    ARGUMENT("@", "parameter"), COLUMN("", "column");

    final String prefix;
    final String noun;

    Naming(String prefix, String noun) {
      this.prefix = prefix;
      this.noun = noun;
    }
  }

  private final CredqlSession session;
  private final Naming naming;

  CallBinder(CredqlSession session, Naming naming) {
    this.session = requireNonNull(session, "session");
    this.naming = requireNonNull(naming, "naming");
  }

  /**
   * The call {@code arguments} and {@code payload} (a JSON body, or null) describe; every problem
   * is added to {@code problems}, and when there is any the call must not be made.
   */
  /** How deep a body is searched for marked fields: schemas may refer to themselves. */
  private static final int MAX_SCHEMA_DEPTH = 32;

  BoundCall bind(MethodDefinition method, List<Argument> arguments, @Nullable ObjectNode payload,
      List<String> problems) throws CredqlException {
    final Map<String, Object> inputs = new LinkedHashMap<>();
    ObjectNode body = payload;
    for (Argument argument : arguments) {
      final ParameterDefinition input = method.input(argument.name);
      if (input == null) {
        problems.add(method.unknownInput(argument.name, naming.noun + " " + naming.prefix + argument.name,
            inputNames(method)));
        continue;
      }
      if ((argument.secret || SecretSource.fitsIn(input)) && argument.value != null) {
        session.redactor().register(argument.value.toString());
      }
      if (input.location() == ParameterDefinition.Location.BODY) {
        if (body == null) {
          body = JsonNodeFactory.instance.objectNode();
        }
        body.set(method.bodyFieldName(input.name()), RequestValues.toJson(argument.value, input, problems));
      } else if (argument.value != null) {
        inputs.put(input.name(), argument.value);
      }
    }
    if (body == null && method.isRequestBodyRequired()) {
      body = JsonNodeFactory.instance.objectNode();
    }
    final List<String> missing = new ArrayList<>();
    for (String name : method.requiredInputNames()) {
      final ParameterDefinition input = method.input(name);
      final boolean inBody = input != null && input.location() == ParameterDefinition.Location.BODY;
      final boolean present = input != null && (inBody
          ? body != null && body.hasNonNull(method.bodyFieldName(input.name()))
          : inputs.containsKey(input.name()) || (input.defaultValue() != null
              && input.location() != ParameterDefinition.Location.SERVER));
      if (!present) {
        missing.add(naming.prefix + name + (inBody && naming == Naming.ARGUMENT
            ? " (a body field: give it as @" + name + " or inside @@json)" : ""));
      }
    }
    if (!missing.isEmpty()) {
      problems.add(0, "missing required " + naming.noun + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing));
    }
    if (body != null && method.requestBody() != null) {
      RequestValues.parseJsonText(body, method.requestBody());
      session.redactor().registerSensitiveValues(body);
      registerMarkedValues(method.requestBody(), body, 0);
      BodyValidator.validate(method.requestBody(), body, "", problems);
    }
    final BoundCall call = new BoundCall(method, inputs, body);
    if (problems.isEmpty()) {
      // Builds the request once, so that a path or query value of the wrong type is reported now.
      session.client(method.resource().service().provider().name()).prepare(call);
    }
    return call;
  }

  /**
   * Remembers as secret every value of {@code body} under a field its schema marks secret
   * ({@link SchemaNode#isMarkedSecret}), however innocent the field's name: an {@code @@json} body
   * names its fields itself, so no argument was there to register them.
   */
  private void registerMarkedValues(SchemaNode schema, JsonNode body, int depth) {
    if (depth > MAX_SCHEMA_DEPTH || body.isNull()) {
      return;
    }
    if (schema.isMarkedSecret()) {
      if (body.isValueNode()) {
        session.redactor().register(body.asText());
      } else {
        session.redactor().register(body.toString());
      }
      return;
    }
    if (body.isObject()) {
      for (Map.Entry<String, SchemaNode> property : schema.properties().entrySet()) {
        final JsonNode value = body.get(property.getKey());
        if (value != null) {
          registerMarkedValues(property.getValue(), value, depth + 1);
        }
      }
    } else if (body.isArray()) {
      final SchemaNode items = schema.items();
      if (items != null) {
        for (JsonNode element : body) {
          registerMarkedValues(items, element, depth + 1);
        }
      }
    }
  }

  private String inputNames(MethodDefinition method) {
    final List<String> names = new ArrayList<>();
    for (ParameterDefinition input : method.inputs()) {
      names.add(naming.prefix + input.name());
    }
    return names.isEmpty() ? "no " + naming.noun + "s" : String.join(", ", names);
  }
}
