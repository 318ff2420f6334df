/**
 * Google Cloud SQL: the {@code google} provider's {@code sqladmin} documents, the
 * {@code service_account} auth scheme (an RS256 JWT assertion exchanged for an access token at the
 * key's {@code token_uri}), the password rules checked before a user's password is set. The Cloud SQL
 * Admin simulator the sandbox and the tests run against is in {@code credql-google-simulator}.
 */
package io.credql.google;
