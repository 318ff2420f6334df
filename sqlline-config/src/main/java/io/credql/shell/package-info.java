/**
 * The command line and the interactive shell: {@link io.credql.shell.CredqlCli} reads the options,
 * runs {@code -e}/{@code -f} scripts statement by statement through JDBC and prints their results
 * in the chosen format, or opens the sqlline shell ({@link io.credql.shell.CredqlShell}) on a
 * credql connection.
 */
package io.credql.shell;
