/**
 * Statements credql runs itself rather than through Calcite's planner: StackQL's EXEC, SHOW and
 * DESCRIBE; INSERT, UPDATE, REPLACE and DELETE on resources (each a call per row, with RETURNING
 * and AWAIT), bound by the {@code call} package's one {@code CallBinder}, including their dry runs; and the user's views and
 * materialized views. Each is prepared into a signature whose rows are produced at execution.
 *
 * <p>Besides {@code error}, it uses only {@code audit}, {@code call}, {@code config},
 * {@code document}, {@code plan}, {@code redact}, {@code registry}, {@code schema},
 * {@code session}, {@code spi} and {@code sql} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.statement;
