/**
 * What adapters plug into the engine, found with {@link java.util.ServiceLoader}: provider
 * documents bundled in a jar, simulators for the sandbox, authentication schemes and request
 * validators, each referenced by name from the documents. The engine knows no provider by name.
 */
package io.credql.spi;
