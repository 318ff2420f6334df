/**
 * The Databricks workspace adapter: StackQL-format documents for Lakebase's credential APIs (the
 * autoscaling {@code postgres} service and the provisioned {@code database} service), the
 * workspace's authentication (a personal access token, or OAuth machine-to-machine client
 * credentials), the documented request rules checked before sending. The stateful simulator of
 * those APIs, for tests and the sandbox, is in {@code credql-databricks-simulator}.
 */
package io.credql.databricks;
