/**
 * The Calcite schema of a connection: root → provider → service → resource table, built lazily
 * from the provider documents. A table's columns are its SELECT methods' response fields plus one
 * column per request parameter, which echoes the value the call was made with.
 */
package io.credql.schema;
