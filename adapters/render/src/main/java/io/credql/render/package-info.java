/**
 * The Render adapter: StackQL-format documents for Render Postgres instances, their users
 * ("credentials") and the default user's connection information; the rule that the current
 * default user is never deleted; its simulator, for tests and the sandbox, is in {@code credql-render-simulator}.
 */
package io.credql.render;
