/**
 * The one hierarchy of errors credql reports: each is an {@link java.sql.SQLException} whose
 * message says what went wrong and what to do, and never carries a secret.
 */
package io.credql.error;
