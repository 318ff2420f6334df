package io.credql.shell;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A script has {@code {{ name }}} placeholders that no {@code --var} fills. */
public final class UnfilledPlaceholderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> names;

  UnfilledPlaceholderException(Set<String> names) {
    super(message(names));
    this.names = List.copyOf(names);
  }

  /** The names of the unfilled placeholders, in order of first appearance. */
  public List<String> names() {
    return names;
  }

  private static String message(Set<String> names) {
    final String placeholders = names.stream().map(name -> "{{ " + name + " }}")
        .collect(Collectors.joining(", "));
    final String example = names.stream().map(name -> "--var " + name + "=...")
        .collect(Collectors.joining(" "));
    return (names.size() == 1 ? "placeholder " : "placeholders ") + placeholders
        + (names.size() == 1 ? " has" : " have") + " no value; pass " + example;
  }
}
