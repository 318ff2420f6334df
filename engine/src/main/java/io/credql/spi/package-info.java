/**
 * What adapters plug into the engine, found with {@link java.util.ServiceLoader}: provider
 * documents bundled in a jar, simulators for the sandbox, authentication schemes and request
 * validators, each referenced by name from the documents; and the values they are given (a
 * {@link io.credql.spi.BoundCall} to validate, a {@link io.credql.spi.RequestAsSent} to sign).
 * The engine knows no provider by name.
 *
 * <p>Besides {@code error}, it uses only {@code document} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.spi;
