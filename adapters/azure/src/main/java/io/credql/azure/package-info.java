/**
 * Azure Database flexible servers: the {@code azure} provider's
 * {@code postgresql_flexible_servers} and {@code mysql_flexible_servers} documents, the
 * {@code azure_default} auth scheme (an Entra ID client-secret credential, through MSAL for Java),
 * the administrator password rules checked before a password is set. The Azure Resource Manager
 * simulator the sandbox and the tests run against is in {@code credql-azure-simulator}.
 */
package io.credql.azure;
