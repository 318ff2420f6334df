/**
 * The Calcite schema of a connection and the planning of its scans: root → provider → service →
 * resource table, built lazily from the provider documents; a table plans into a scan (a table
 * and its scan know each other, so they live together, as in Calcite's own adapters). A rule
 * finds the parameter values a query binds (from WHERE, IN lists, {@code ?} parameters, constant
 * expressions, or the correlation variables of a batched lookup join) and pushes them into the
 * scan; an unbound scan that needs parameters is costed so high that the planner prefers any plan
 * that binds them.
 *
 * <p>Besides {@code error}, it uses only {@code config}, {@code document}, {@code rows},
 * {@code schema}, {@code session} and {@code sql} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.plan;
