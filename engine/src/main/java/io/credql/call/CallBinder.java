package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.spi.BoundCall;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.error.CredqlException;
import io.credql.redact.Redactor;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Binds a statement's values to a method's inputs: each named value (an EXEC {@code @argument}, an
 * INSERT column, a SET column, a WHERE column of a SELECT or a DELETE) goes to the path, query,
 * header, server variable or body field the operation declares, and an EXEC's {@code @@json} is the
 * body they join. The request is checked completely (unknown names, missing required inputs, the
 * body against its schema, the path against its types) before anything is sent, and every value
 * meant for a secret becomes known to the connection's {@link Redactor}. SELECT, EXEC and every DML
 * statement bind here.
 */
public final class CallBinder {
  /** One named value of a statement, and whether it came from a secret source. */
  public static final class Argument {
    final String name;
    final @Nullable Object value;
    final boolean secret;

    public Argument(String name, @Nullable Object value, boolean secret) {
      this.name = requireNonNull(name, "name");
      this.value = value;
      this.secret = secret;
    }
  }

  /** How the statement's values are called in messages: {@code @name} arguments, or columns. */
  public enum Naming {
    ARGUMENT("@", "parameter"), COLUMN("", "column");

    final String prefix;
    final String noun;

    Naming(String prefix, String noun) {
      this.prefix = prefix;
      this.noun = noun;
    }
  }

  /** How deep a body is searched for marked fields: schemas may refer to themselves. */
  private static final int MAX_SCHEMA_DEPTH = 32;

  private final Redactor redactor;
  private final Naming naming;

  public CallBinder(Redactor redactor, Naming naming) {
    this.redactor = requireNonNull(redactor, "redactor");
    this.naming = requireNonNull(naming, "naming");
  }

  /**
   * Whether {@code input} is meant for a secret: named like one, or marked secret by its document
   * (see {@link SchemaNode#isMarkedSecret}). Its values are masked wherever credql reports a call
   * (dry run, audit log, errors, debug log), and a secret source may fill it.
   */
  public static boolean isForSecret(ParameterDefinition input) {
    return Redactor.isSensitiveName(input.name())
        || input.schema() != null && input.schema().isMarkedSecret();
  }

  /**
   * The call {@code arguments} and {@code payload} (a JSON body, or null) describe, its request
   * built once by {@code client} so that a path or query value it refuses is reported now; every
   * other problem is added to {@code problems}, and when there is any the call must not be made.
   */
  public BoundCall bind(ProviderClient client, MethodDefinition method, List<Argument> arguments,
      @Nullable ObjectNode payload, List<String> problems) throws CredqlException {
    // the document's fault, not the statement's: said before the statement's inputs are judged by it
    RequestFactory.refuseIfDefective(method);
    final BoundCall call = check(method, arguments, payload, problems);
    if (problems.isEmpty()) {
      client.prepare(call);
    }
    return call;
  }

  /**
   * Like {@link #bind} without building the request, for a caller that adds to the call before
   * building it (a SELECT's {@code queryParamPushdown}).
   */
  public BoundCall check(MethodDefinition method, List<Argument> arguments, @Nullable ObjectNode payload,
      List<String> problems) {
    final Map<String, Object> inputs = new LinkedHashMap<>();
    ObjectNode body = payload;
    for (Argument argument : arguments) {
      final ParameterDefinition input = method.input(argument.name);
      if (input == null) {
        problems.add(method.unknownInput(argument.name, naming.noun + " " + naming.prefix + argument.name,
            inputNames(method)));
        continue;
      }
      if ((argument.secret || isForSecret(input)) && argument.value != null) {
        redactor.register(argument.value.toString());
      }
      if (input.location() == ParameterDefinition.Location.BODY) {
        if (body == null) {
          body = JsonNodeFactory.instance.objectNode();
        }
        body.set(method.bodyFieldName(input.name()), RequestValues.toJson(argument.value, input, naming.prefix + argument.name, problems));
      } else if (argument.value != null) {
        inputs.put(input.name(), argument.value);
      }
    }
    if (body == null && method.isRequestBodyRequired() && method.request().defaultBody() == null) {
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
      redactor.registerSensitiveValues(body);
      registerMarkedValues(method.requestBody(), body, 0);
      BodyValidator.validate(method.requestBody(), body, "", problems);
    }
    return new BoundCall(method, inputs, body);
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
        redactor.register(body.asText());
      } else {
        redactor.register(body.toString());
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
