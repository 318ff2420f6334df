package io.credql.sql;

import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hints written in a StackQL statement's {@code /*+ ... *}{@code /}, by name. */
final class SqlHints {
  private SqlHints() {
  }

  /** Upper-cased names of {@code hints}, e.g. {@code AWAIT}, {@code REQUIRED}. */
  static List<String> names(SqlNodeList hints) {
    final List<String> names = new ArrayList<>();
    for (SqlNode hint : hints) {
      names.add(((SqlHint) hint).getName().toUpperCase(Locale.ROOT));
    }
    return names;
  }
}
