/**
 * Parse trees of StackQL's statements (EXEC, SHOW, DESCRIBE) and the parser that produces them:
 * Calcite's grammar extended through its FreeMarker templates, so that every statement credql
 * accepts, StackQL's or standard SQL, is parsed by one grammar.
 */
package io.credql.sql;
