/**
 * The Render adapter: StackQL-format documents for Render Postgres instances, their users
 * ("credentials") and the default user's connection information; the rule that the current
 * default user is never deleted; and a stateful simulator of that API for tests and the sandbox.
 */
package io.credql.render;
