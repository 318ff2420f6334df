/**
 * The Huawei Cloud adapter: StackQL-format documents for GaussDB (for openGauss) database
 * accounts and RDS root passwords, the AK/SK {@code SDK-HMAC-SHA256} request signature, the
 * products' password policies checked before anything is sent, and a stateful simulator of both
 * services behind a signature-verifying gateway, for tests and the sandbox.
 */
package io.credql.huaweicloud;
