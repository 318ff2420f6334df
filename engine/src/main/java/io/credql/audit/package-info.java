/**
 * The audit log: every mutating call is recorded as JSON lines, an intent before it is sent and an
 * outcome after, each on disk before the call proceeds, never with a secret.
 */
package io.credql.audit;
