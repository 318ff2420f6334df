/**
 * StackQL's function layer: the SQLite functions StackQL's documents and users rely on
 * ({@code json_extract}, {@code json_each}, {@code datetime}, {@code strftime}, {@code substr},
 * {@code printf}, {@code group_concat}, ...) and StackQL's own extras ({@code split_part},
 * {@code json_equal}, {@code aws_policy_equal}, the {@code regexp_*} family), with SQLite's
 * semantics, registered on every connection through {@link io.credql.functions.SqliteOperatorTable};
 * and the validator that names and types result columns the way SQLite does.
 *
 * <p>Typing: SQLite is dynamically typed. A function whose SQLite result always has one storage
 * class has that SQL type here (TEXT → VARCHAR, INTEGER → BIGINT, REAL → DOUBLE); a function whose
 * result class depends on the data ({@code json_extract}, {@code json_each.value}, {@code abs},
 * {@code round}'s argument, ...) is typed ANY and returns the Java value of SQLite's class (String,
 * Long, Double or null). Predicates ({@code json_valid}, {@code json_equal}, {@code regexp_like},
 * {@code REGEXP}) are BOOLEAN, so that they work in WHERE, where SQLite returns 1 or 0. Known
 * differences from SQLite are listed in {@code docs/sqlite-divergences.md}.
 *
 * <p>Besides {@code error}, it uses no other package of credql (the layering is under "Packages"
 * in {@code docs/development.md}).
 */
package io.credql.functions;
