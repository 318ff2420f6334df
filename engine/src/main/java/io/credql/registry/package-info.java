/**
 * StackQL's provider registry, as its client uses it: the list of published providers
 * ({@code dist/providers.yaml}), one signed {@code .tgz} artifact per provider version
 * ({@code dist/<provider>/<version>.tgz}), checked file by file against Ed25519 signatures
 * ({@code <file>.sig}) and unpacked under {@code $HOME/.credql/providers/}, where every
 * connection finds it. {@code REGISTRY LIST} and {@code REGISTRY PULL} are its statements.
 *
 * <p>Besides {@code error}, it uses no other package of credql (the layering is under "Packages"
 * in {@code docs/development.md}).
 */
package io.credql.registry;
