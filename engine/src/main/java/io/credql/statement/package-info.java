/**
 * Statements credql runs itself rather than through Calcite's planner: StackQL's EXEC, SHOW and
 * DESCRIBE, and INSERT, DELETE, UPDATE and REPLACE on resources (each a call per row), including
 * their dry runs. Each is prepared into a signature whose rows are produced at execution.
 */
package io.credql.statement;
