/**
 * Provider documents as data: StackQL's {@code provider.yaml} and OpenAPI 3 service documents with
 * {@code components.x-stackQL-resources}, read from adapter jars or from directories, resolved
 * lazily and checked, so that an invalid document is reported with its file and JSON pointer.
 *
 * <p>Besides {@code error}, it uses no other package of credql (the layering is under "Packages"
 * in {@code docs/development.md}).
 */
package io.credql.document;
