/**
 * The Linode adapter: StackQL-format documents for Linode's Managed PostgreSQL and MySQL databases
 * and their root credentials. The stateful simulator of that API, for tests and the sandbox, is in
 * {@code credql-linode-simulator}.
 */
package io.credql.linode;
