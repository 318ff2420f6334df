/**
 * The provider reference pages: one Markdown page per resource, in the format of StackQL's
 * provider docs (overview, fields, methods, parameters, an example statement per method), and an
 * index of providers, services and resources, all generated from the provider documents so that
 * the reference cannot drift from what the engine runs.
 *
 * <p>Besides {@code error}, it uses only {@code document}, {@code schema}, {@code session} and
 * {@code sql} (the layering is under "Packages" in {@code docs/development.md}).
 */
package io.credql.docs;
