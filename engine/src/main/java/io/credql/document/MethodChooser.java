package io.credql.document;

import io.credql.error.RequiredParameterMissingException;
import io.credql.error.UnsupportedVerbException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the method a SQL verb calls on a resource, as StackQL does: the first method listed
 * under the verb in {@code sqlVerbs} whose required inputs all have values (StackQL's
 * {@code MethodSet.getFirstMatch}; its provider spec asks documents to list methods by ascending
 * selectivity, so a SELECT has no further tie-break). SELECT, INSERT, UPDATE, REPLACE and DELETE
 * all choose here.
 */
public final class MethodChooser {
  private final ResourceDefinition resource;
  private final SqlVerb verb;

  public MethodChooser(ResourceDefinition resource, SqlVerb verb) {
    this.resource = java.util.Objects.requireNonNull(resource, "resource");
    this.verb = java.util.Objects.requireNonNull(verb, "verb");
  }

  /**
   * The method to call when {@code bound} inputs (matched ignoring case) have values, or null. A
   * mutation, whose every column must be an input, prefers the first method taking them all
   * (Cloudflare lists an MCP server's {@code sync}, which takes only ids, before its {@code create}).
   */
  public @Nullable MethodDefinition first(Set<String> bound) {
    final Set<String> names = caseless(bound);
    MethodDefinition first = null;
    for (MethodDefinition method : resource.methodsFor(verb)) {
      if (method.requiredInputNames().stream().allMatch(required -> isBound(method, required, names))) {
        if (verb == SqlVerb.SELECT || names.stream().allMatch(name -> method.input(name) != null)) {
          return method;
        }
        if (first == null) {
          first = method;
        }
      }
    }
    return first;
  }

  /**
   * The method to call when {@code bound} inputs have values; the error names every missing input
   * of every method, and ends with {@code advice} (how to give them).
   */
  public MethodDefinition choose(Set<String> bound, String advice)
      throws RequiredParameterMissingException, UnsupportedVerbException {
    if (resource.methodsFor(verb).isEmpty()) {
      throw new UnsupportedVerbException(verb.name() + " not supported for " + resource.id()
          + ", use SHOW METHODS IN " + resource.id() + " to view available operations for the resource");
    }
    final MethodDefinition method = first(bound);
    if (method == null) {
      throw missing(bound, advice);
    }
    return method;
  }

  /** The error for {@code bound} inputs that satisfy no method: every missing input, per method. */
  public RequiredParameterMissingException missing(Set<String> bound, String advice) {
    final Set<String> names = caseless(bound);
    final List<String> needs = new ArrayList<>();
    for (MethodDefinition method : resource.methodsFor(verb)) {
      final List<String> missing = new ArrayList<>(method.requiredInputNames());
      missing.removeIf(required -> isBound(method, required, names));
      needs.add("method " + method.name() + " needs " + String.join(", ", missing));
    }
    final String id = resource.id();
    final String action = verb == SqlVerb.SELECT ? "SELECT from " : verb.name() + " on ";
    return new RequiredParameterMissingException("cannot " + action + id
        + ": missing required parameters: " + String.join("; ", needs) + ". "
        + (advice.isEmpty() ? "Run" : advice + " run") + " SHOW METHODS IN " + id
        + " to see what each method requires.");
  }

  /** Whether {@code required} has a value in {@code names}, under its own name or its SQL alias. */
  private static boolean isBound(MethodDefinition method, String required, Set<String> names) {
    if (names.contains(required)) {
      return true;
    }
    final ParameterDefinition input = method.input(required);
    return input != null && names.stream().anyMatch(input::answersTo);
  }

  private static Set<String> caseless(Set<String> names) {
    final Set<String> result = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    result.addAll(names);
    return result;
  }
}
