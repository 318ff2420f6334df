/**
 * The one hierarchy of errors credql reports: each is an {@link java.sql.SQLException} whose
 * message says what went wrong and what to do, and never carries a secret.
 *
 * <p>The bottom layer: it uses no other package of credql (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.error;
