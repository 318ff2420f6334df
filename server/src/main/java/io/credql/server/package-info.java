/**
 * credql for a team: {@code credql serve} serves the embedded engine over Avatica's HTTP protocol
 * to authenticated users, lets each role run only its kinds of statement, masks secrets for
 * readers, shares one rate budget per provider account among all clients and names the user and
 * the client's address in the audit log.
 */
package io.credql.server;
