/**
 * The JDBC driver ({@code jdbc:credql:}): a Calcite driver whose connections see the providers as
 * catalogs of schemas of tables, whose statements also accept StackQL's EXEC, SHOW, DESCRIBE and
 * resource DML, and whose errors are credql's own messages, without SQL text or secrets.
 *
 * <p>The top layer: it uses the packages below it, and none uses it (the layering is under
 * "Packages" in {@code docs/development.md}).
 */
package io.credql.jdbc;
