package io.credql;

import io.credql.session.CredqlSession;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's packages are layered (see "Packages" in {@code docs/development.md}): a package
 * uses only packages below it, so no package uses, directly or through others, one that uses it
 * back. The dependencies are read from the compiled main classes by the JDK's {@code jdeps}, which
 * sees what the byte code uses (a constant the compiler copied in is not seen).
 */
class EnginePackagesTest {
  /** A line of {@code jdeps -verbose:class}: {@code io.credql.a.Class -> io.credql.b.Other}. */
  private static final Pattern CLASS_DEPENDENCY =
      Pattern.compile("^\\s+io\\.credql\\.(\\w+)(\\S*)\\s+->\\s+io\\.credql\\.(\\w+)(\\S*)\\s");

  @Test void noPackageOfTheEngineUsesAPackageThatUsesItBack() throws Exception {
    final Map<String, Map<String, Set<String>>> uses = packageDependencies();
    assertTrue(uses.getOrDefault("jdbc", Map.of()).containsKey("session"),
        "jdeps found the dependencies of the engine's classes: " + uses);

    final List<String> cycles = new ArrayList<>();
    for (Set<String> cycle : stronglyConnected(uses)) {
      final StringBuilder description = new StringBuilder("packages " + cycle + " use each other:");
      for (String from : cycle) {
        for (String to : cycle) {
          final Set<String> classes = uses.get(from).get(to);
          if (classes != null) {
            description.append("\n  ").append(from).append(" -> ").append(to).append(": ")
                .append(String.join(", ", classes));
          }
        }
      }
      cycles.add(description.toString());
    }
    assertEquals("", String.join("\n", cycles),
        "move a class to the package it belongs to, or put an interface in the lower package");
  }

  /** For each package below {@code io.credql}, the packages it uses and the class dependencies that use them. */
  private static Map<String, Map<String, Set<String>>> packageDependencies() throws Exception {
    final Path mainClasses = Path.of(CredqlSession.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    final ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class",
        "-filter:none", "-e", "io\\.credql\\..*", mainClasses.toString());
    assertEquals(0, status, "jdeps failed: " + err);

    final Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
    for (String line : out.toString().lines().toList()) {
      final Matcher matcher = CLASS_DEPENDENCY.matcher(line);
      if (matcher.find() && !matcher.group(1).equals(matcher.group(3))) {
        uses.computeIfAbsent(matcher.group(1), p -> new TreeMap<>())
            .computeIfAbsent(matcher.group(3), p -> new TreeSet<>())
            .add(matcher.group(1) + matcher.group(2) + " -> " + matcher.group(3) + matcher.group(4));
      }
    }
    return uses;
  }

  /** The groups of two or more packages that reach each other (Tarjan's algorithm). */
  private static List<Set<String>> stronglyConnected(Map<String, Map<String, Set<String>>> uses) {
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> lowest = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final List<Set<String>> groups = new ArrayList<>();
    for (String start : uses.keySet()) {
      if (!index.containsKey(start)) {
        visit(start, uses, index, lowest, stack, groups);
      }
    }
    return groups;
  }

  private static void visit(String node, Map<String, Map<String, Set<String>>> uses,
      Map<String, Integer> index, Map<String, Integer> lowest, Deque<String> stack,
      List<Set<String>> groups) {
    index.put(node, index.size());
    lowest.put(node, index.get(node));
    stack.push(node);
    for (String next : uses.getOrDefault(node, Map.of()).keySet()) {
      if (!index.containsKey(next)) {
        visit(next, uses, index, lowest, stack, groups);
        lowest.put(node, Math.min(lowest.get(node), lowest.get(next)));
      } else if (stack.contains(next)) {
        lowest.put(node, Math.min(lowest.get(node), index.get(next)));
      }
    }
    if (lowest.get(node).equals(index.get(node))) {
      final Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        group.add(member);
      } while (!member.equals(node));
      if (group.size() > 1) {
        groups.add(group);
      }
    }
  }
}
