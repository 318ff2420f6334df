/**
 * The one place secrets are masked: by the names documents and conventions mark sensitive, and by
 * the secret values a connection has seen. Logs, errors, history, audit and dry-run output all
 * pass through it.
 */
package io.credql.redact;
