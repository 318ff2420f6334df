/**
 * Calling providers: a statement's values become a bound call in the one {@code CallBinder}
 * (SELECT, EXEC and DML alike: inputs placed, the body checked against its schema, secrets made
 * known to the redactor), a bound call becomes an HTTP request (URL from the server and path templates,
 * every value validated and encoded so it cannot redirect the request); the {@link
 * io.credql.call.ProviderClient} sends it through a {@code RequestSender} (credentials from the
 * {@code AuthInterceptor}, the {@code ConcurrencyLimit}, the {@code RateGate}'s 429 pause, retries
 * of reads only, redirects on the same origin only, a deadline per attempt) and reads the answer
 * with a {@code ResponseBodyReader}; the {@code Paginator} works out the next page from a {@link
 * io.credql.call.TokenSource}, and rows or a provider error come back; with
 * AWAIT, the {@code AsyncOperationPoller} polls the operation a mutation starts, on the same origin.
 *
 * <p>Besides {@code error}, it uses only {@code audit}, {@code config}, {@code document},
 * {@code redact}, {@code schema} and {@code spi} (the layering is under "Packages" in
 * {@code docs/development.md}).
 */
package io.credql.call;
