/**
 * Benchmarks of credql against the simulators (fan-out joins, per-query overhead, LIMIT, memory,
 * rate limits), with a shell baseline; {@code bench/run} runs them and writes
 * {@code docs/benchmarks.md}. They are not part of the test run.
 */
package io.credql.bench;
