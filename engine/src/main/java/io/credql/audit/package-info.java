/**
 * The audit log: every mutating call is recorded as JSON lines, an intent before it is sent and an
 * outcome after, each on disk before the call proceeds, never with a secret.
 *
 * <p>Besides {@code error}, it uses only {@code document}, {@code redact} and {@code spi} (the
 * layering is under "Packages" in {@code docs/development.md}).
 */
package io.credql.audit;
