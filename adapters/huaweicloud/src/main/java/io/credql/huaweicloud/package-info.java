/**
 * The Huawei Cloud adapter: StackQL-format documents for GaussDB (for openGauss) database
 * accounts and RDS root passwords, the AK/SK {@code SDK-HMAC-SHA256} request signature, the
 * products' password policies checked before anything is sent. The stateful simulator of
 * both services behind a signature-verifying gateway is in {@code credql-huaweicloud-simulator}.
 */
package io.credql.huaweicloud;
