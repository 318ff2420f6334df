/**
 * The Linode adapter: StackQL-format documents for Linode's Managed PostgreSQL and MySQL databases
 * and their root credentials, and a stateful simulator of that API for tests and the sandbox.
 */
package io.credql.linode;
