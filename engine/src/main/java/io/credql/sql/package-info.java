/**
 * Parse trees of StackQL's statements (EXEC, SHOW, DESCRIBE, mutations with hints and RETURNING,
 * REFRESH MATERIALIZED VIEW) and the parser that produces them: Calcite's grammar extended through
 * its FreeMarker templates, so that every statement credql accepts, StackQL's or standard SQL, is
 * parsed by one grammar; {@code StackqlIdentifiers} first rewrites the identifiers StackQL's lexer
 * reads differently (back quotes, words Calcite reserves, the hyphenated names StackQL's pages print),
 * and {@code RewrittenSql} keeps where each rewritten character came from, so that a column named
 * by its text is named as the user wrote it.
 *
 * <p>Besides {@code error}, it uses only {@code functions} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.sql;
