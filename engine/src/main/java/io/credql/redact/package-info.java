/**
 * The one place secrets are masked: by the names documents and conventions mark sensitive, and by
 * the secret values a connection has seen. Logs, errors, history, audit and dry-run output all
 * pass through it.
 *
 * <p>Besides {@code error}, it uses only {@code sql} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.redact;
