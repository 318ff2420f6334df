package io.credql.functions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guide's and the README's lists of functions are the functions every connection has. */
class FunctionListTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @Test void theGuideListsExactlyTheRegisteredFunctions() throws IOException {
    final String guide = Files.readString(REPOSITORY.resolve("docs/guide.md"));
    final int start = guide.indexOf("### Functions");
    assertTrue(start >= 0, "docs/guide.md has a Functions section");
    final int end = guide.indexOf("\n#", start + 1);
    final Matcher row = Pattern.compile("(?m)^\\| `([a-z_][a-z_0-9]*)\\(").matcher(
        guide.substring(start, end < 0 ? guide.length() : end));
    final Set<String> listed = new TreeSet<>();
    while (row.find()) {
      listed.add(row.group(1));
    }
    assertEquals(SqliteOperatorTable.functionNames(), listed);
    final String section = guide.substring(start, end < 0 ? guide.length() : end);
    for (String operator : new String[] {"->", "->>"}) {
      assertTrue(SqliteOperatorTable.isDefined(operator), operator);
      assertTrue(section.contains("| `json " + operator + " path` |"), "the guide lists the operator " + operator);
    }
  }

  @Test void theReadmeCountsTheFunctionsAndPointsToTheGuide() throws IOException {
    final String readme = Files.readString(REPOSITORY.resolve("README.md"));
    final Matcher count = Pattern.compile("the rest of the (\\d+) listed in the\\s+\\[user guide\\]"
        + "\\(docs/guide.md#functions\\)").matcher(readme);
    assertTrue(count.find(), "README.md points to the guide's list of functions");
    assertEquals(SqliteOperatorTable.functionNames().size(), Integer.parseInt(count.group(1)));
    final Matcher named = Pattern.compile("`([a-z_]+)`").matcher(
        readme.substring(readme.lastIndexOf("Queries use SQLite's functions", count.start()),
            count.start()));
    while (named.find()) {
      assertTrue(SqliteOperatorTable.functionNames().contains(named.group(1)), named.group(1));
    }
  }
}
