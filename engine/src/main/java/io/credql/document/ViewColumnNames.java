package io.credql.document;

import java.util.Set;
import java.util.TreeSet;

/**
 * The names SQLite, StackQL's backend, gives a view's columns when its SELECT gives two of them one
 * name (awscc's {@code region}, the request's, and {@code JSON_EXTRACT(Properties, '$.Region') as
 * region}): the later one is {@code region:1}, the next {@code region:2}, names compared without
 * case, as SQLite's {@code sqlite3ColumnsFromExprList} does; {@code SELECT region} then reads the
 * first. (Past three clashes of one name SQLite picks a random number; credql keeps counting.)
 */
public final class ViewColumnNames {
  private final Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  /** The name of the next column the SELECT calls {@code name}: {@code name} itself unless taken. */
  public String add(String name) {
    String unique = name;
    // SQLite counts from 1 for each clash, after taking off a ":<digits>" the name already ends in
    final String stem = name.replaceFirst(":[0-9]+$", "");
    for (int count = 1; taken.contains(unique); count++) {
      unique = stem + ":" + count;
    }
    taken.add(unique);
    return unique;
  }
}
