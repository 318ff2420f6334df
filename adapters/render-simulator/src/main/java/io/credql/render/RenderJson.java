package io.credql.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * The JSON bodies Render answers with, in its field names and order: Postgres instances, the
 * listing's cursor items, users, connection information and errors.
 */
final class RenderJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Instances' timestamps carry microseconds, as in Render's examples. */
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private RenderJson() {
  }

  /** A Postgres object, as the listing and the retrieval show it. */
  static ObjectNode postgres(PostgresInstance instance) {
    requireNonNull(instance, "instance");
    final ObjectNode node = NODES.objectNode();
    node.put("id", instance.id());
    final ArrayNode allowList = node.putArray("ipAllowList");
    for (PostgresInstance.AllowedCidr cidr : instance.ipAllowList()) {
      allowList.addObject().put("cidrBlock", cidr.cidrBlock()).put("description", cidr.description());
    }
    node.put("createdAt", MICROS.format(instance.createdAt()));
    node.put("updatedAt", MICROS.format(instance.updatedAt()));
    node.put("databaseName", instance.databaseName());
    node.put("databaseUser", instance.databaseUser());
    node.put("highAvailabilityEnabled", instance.highAvailabilityEnabled());
    node.put("name", instance.name());
    final ObjectNode owner = node.putObject("owner");
    owner.put("id", instance.owner().id());
    owner.put("name", instance.owner().name());
    owner.put("email", instance.owner().email());
    owner.put("type", instance.owner().type());
    node.put("plan", instance.plan());
    node.put("region", instance.region());
    node.putArray("readReplicas");
    node.put("role", instance.role());
    if (instance.primaryPostgresId() != null) {
      node.put("primaryPostgresID", instance.primaryPostgresId());
    }
    node.put("status", instance.status());
    node.put("version", instance.version());
    node.put("suspended", instance.suspended());
    final ArrayNode suspenders = node.putArray("suspenders");
    instance.suspenders().forEach(suspenders::add);
    node.put("dashboardUrl", "https://dashboard.render.com/d/" + instance.id());
    node.put("diskAutoscalingEnabled", instance.diskAutoscalingEnabled());
    node.put("diskSizeGB", instance.diskSizeGb());
    node.put("connectionPool", instance.connectionPooled() ? "pgbouncer" : "none");
    if (instance.environmentId() != null) {
      node.put("environmentId", instance.environmentId());
    }
    return node;
  }

  /** The retrieval's PostgresDetail: the Postgres object and its (here: no) parameter overrides. */
  static ObjectNode detail(PostgresInstance instance) {
    final ObjectNode node = postgres(instance);
    node.putObject("parameterOverrides");
    return node;
  }

  /** One item of the listing: the instance and the cursor that lists what comes after it. */
  static ObjectNode listItem(String cursor, PostgresInstance instance) {
    final ObjectNode node = NODES.objectNode();
    node.put("cursor", requireNonNull(cursor, "cursor"));
    node.set("postgres", postgres(instance));
    return node;
  }

  /** The users of an instance, oldest first, the default one marked. */
  static ArrayNode users(PostgresInstance instance) {
    final ArrayNode users = NODES.arrayNode();
    final String defaultUser = instance.defaultUser().username();
    for (PostgresUser user : instance.users()) {
      users.addObject()
          .put("username", user.username())
          .put("default", user.username().equals(defaultUser))
          .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(user.createdAt()))
          .put("openConnections", user.openConnections());
    }
    return users;
  }

  /** The default user's password and the ways to connect as it. */
  static ObjectNode connectionInfo(PostgresInstance instance) {
    final PostgresUser user = instance.defaultUser();
    final String password = requireNonNull(user.password(), "password");
    final String credentials = user.username() + ":" + password + "@";
    final ObjectNode node = NODES.objectNode();
    node.put("password", password);
    node.put("internalConnectionString",
        "postgresql://" + credentials + instance.internalHost() + "/" + instance.databaseName());
    node.put("externalConnectionString",
        "postgresql://" + credentials + instance.externalHost() + "/" + instance.databaseName());
    node.put("psqlCommand", "PGPASSWORD=" + password + " psql -h " + instance.externalHost()
        + " -U " + user.username() + " " + instance.databaseName());
    if (instance.connectionPooled()) {
      node.put("internalConnectionPoolString",
          "postgresql://" + credentials + instance.internalHost() + "-pooler/" + instance.databaseName());
      node.put("externalConnectionPoolString", "postgresql://" + credentials
          + instance.internalHost() + "-pooler." + instance.region() + "-postgres.render.com/"
          + instance.databaseName());
    }
    return node;
  }

  /** Render's error body. */
  static ObjectNode error(String id, String message) {
    return NODES.objectNode().put("id", requireNonNull(id, "id")).put("message", requireNonNull(message, "message"));
  }
}
