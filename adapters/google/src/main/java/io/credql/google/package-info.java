/**
 * Google Cloud SQL: the {@code google} provider's {@code sqladmin} documents, the
 * {@code service_account} auth scheme (an RS256 JWT assertion exchanged for an access token at the
 * key's {@code token_uri}), the password rules checked before a user's password is set, and the
 * Cloud SQL Admin simulator the sandbox and the tests run against.
 */
package io.credql.google;
