package io.credql.statement;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The INSERT template StackQL's {@code SHOW INSERT INTO} prints for a resource's INSERT method: a
 * column list, then {@code SELECT} with one {@code '{{ .values.name }}'} placeholder per column
 * (numbers and booleans unquoted), for {@code --iqldata} files to fill. The method's request
 * inputs come first, then its body fields in name order; {@code /*+ REQUIRED *}{@code /} keeps
 * only required ones, and a column list keeps only the columns it names.
 */
final class InsertTemplate {
  private InsertTemplate() {
  }

  static String of(MethodDefinition method, boolean requiredOnly, List<String> only) {
    final Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    named.addAll(only);
    final Set<String> required = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    required.addAll(method.requiredInputNames());
    final List<ParameterDefinition> inputs = new ArrayList<>();
    final List<ParameterDefinition> fields = new ArrayList<>();
    for (ParameterDefinition input : method.inputs()) {
      final boolean wanted = named.isEmpty() ? !requiredOnly || required.contains(input.name())
          : named.contains(input.name());
      final boolean body = input.location() == ParameterDefinition.Location.BODY;
      if (!wanted || (!body && named.isEmpty() && !required.contains(input.name())
          && input.location() != ParameterDefinition.Location.PATH)) {
        continue;
      }
      (body ? fields : inputs).add(input);
    }
    fields.sort(Comparator.comparing(ParameterDefinition::name));
    inputs.addAll(fields);
    final List<String> names = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    for (ParameterDefinition input : inputs) {
      names.add("  " + input.name());
      final String placeholder = "{{ .values." + input.name() + " }}";
      final boolean bare = input.type().equals("integer") || input.type().equals("number")
          || input.type().equals("boolean");
      values.add(bare ? "   " + placeholder : "  '" + placeholder + "'");
    }
    return "INSERT INTO " + method.resource().id() + "(\n" + String.join(",\n", names) + "\n)\n"
        + "SELECT\n" + String.join(",\n", values) + "\n;";
  }
}
