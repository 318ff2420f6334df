/**
 * The SQL shape of a resource: its columns are its SELECT methods' response fields plus one column
 * per request parameter, which echoes the value the call was made with; each answers to every
 * spelling of its name; and JSON Schema types map to SQL types in one place, {@link
 * io.credql.schema.JsonSqlTypes}.
 *
 * <p>Besides {@code error}, it uses only {@code document} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.schema;
