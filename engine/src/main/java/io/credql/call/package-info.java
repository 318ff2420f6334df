/**
 * Calling providers: a bound call becomes an HTTP request (URL from the server and path templates,
 * every value validated and encoded so it cannot redirect the request), goes out through the
 * connection's OkHttp client with the provider's auth, under its concurrency limit and rate gate,
 * is retried only when it is a read, and comes back as pages of rows or as a provider error; with
 * AWAIT, the asynchronous operation a mutation starts is polled to its end on the same origin.
 */
package io.credql.call;
