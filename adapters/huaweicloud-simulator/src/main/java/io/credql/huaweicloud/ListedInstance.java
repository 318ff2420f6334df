package io.credql.huaweicloud;

/**
 * An instance that {@code GET /v3/{project_id}/instances} lists, GaussDB's or RDS's: the fields
 * that the listing's {@code id}, {@code name} and {@code type} query parameters filter on.
 */
interface ListedInstance {
  String id();

  String name();

  String type();
}
