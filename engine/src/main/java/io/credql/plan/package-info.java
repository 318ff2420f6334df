/**
 * Planning scans of resource tables: a rule finds the parameter values a query binds (from WHERE,
 * IN lists, {@code ?} parameters, constant expressions, or the correlation variables of a batched
 * lookup join) and pushes them into the scan; an unbound scan that needs parameters is costed so
 * high that the planner prefers any plan that binds them.
 */
package io.credql.plan;
