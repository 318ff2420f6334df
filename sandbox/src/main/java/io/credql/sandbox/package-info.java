/**
 * The sandbox: every bundled provider served by its in-process simulator on a free loopback port,
 * with demo data and demo credentials, so credql can be tried without any account.
 */
package io.credql.sandbox;
