/**
 * What a connection is opened with: its properties (from the JDBC URL and {@code Properties}, as
 * {@link io.credql.config.ConnectionProperties}) and the environment variables its credentials
 * and {@code x-stackQL-envVar} defaults are read from ({@link io.credql.config.Environment}).
 *
 * <p>Besides {@code error}, it uses no other package of credql (the layering is under "Packages"
 * in {@code docs/development.md}).
 */
package io.credql.config;
