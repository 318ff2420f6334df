/**
 * What one JDBC connection holds: its properties, the providers it can see (its {@link
 * io.credql.session.ProviderCatalog}), the environment its credentials come from, its HTTP client
 * and one {@link io.credql.call.ProviderClient} per provider, which sees the session only as a
 * {@link io.credql.call.ConnectionContext}.
 *
 * <p>Besides {@code error}, it uses only {@code audit}, {@code call}, {@code config},
 * {@code document}, {@code redact} and {@code spi} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.session;
