/**
 * Run-time side of resource scans: the calls of a scan, bound by the same {@code CallBinder} as
 * EXEC's and DML's and all built into requests before the first is sent, are made concurrently
 * (at most the provider's concurrency limit in flight), pages are fetched only as rows are
 * consumed, and each response item becomes a row whose parameter columns echo the values the call
 * was made with.
 *
 * <p>Besides {@code error}, it uses only {@code call}, {@code config}, {@code document},
 * {@code schema}, {@code session} and {@code spi} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.rows;
