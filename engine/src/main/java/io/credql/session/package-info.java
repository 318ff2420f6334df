/**
 * What one JDBC connection holds: its properties, the providers it can see, the environment its
 * credentials come from, its HTTP client and one {@link io.credql.call.ProviderClient} per provider.
 */
package io.credql.session;
