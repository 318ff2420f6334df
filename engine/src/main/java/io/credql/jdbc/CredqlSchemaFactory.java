package io.credql.jdbc;

import io.credql.session.ProviderCatalog;
import io.credql.error.InvalidInputException;
import io.credql.plan.ProviderSchema;
import io.credql.config.ConnectionProperties;
import io.credql.session.CredqlSession;
import io.credql.spi.RunningSimulator;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Factory that mounts credql's providers in a Calcite model file, for a plain
 * {@code jdbc:calcite:model=...} connection. The operand takes the properties of a
 * {@code jdbc:credql:} URL ({@code providers}, {@code baseUrl.<provider>}, {@code auth},
 * {@code timeout}, {@code sandbox}, ...); with {@code "provider": "<name>"} the schema is that
 * provider (name the schema after it, and {@code <provider>.<service>.<resource>} reads as in
 * credql), without it the schema holds every provider as a sub-schema.
 *
 * <pre>{@code
 * {"version": "1.0", "schemas": [{"name": "linode", "type": "custom",
 *   "factory": "io.credql.jdbc.CredqlSchemaFactory", "operand": {"provider": "linode"}}]}
 * }</pre>
 *
 * <p>Such a schema serves SELECT and joins; credql's own statements (EXEC, SHOW, DML) need a
 * {@code jdbc:credql:} connection, as Calcite's parser does not know them. The session, and a
 * sandbox it starts, live as long as the schema's JVM, since Calcite never closes a schema.
 */
public final class CredqlSchemaFactory implements SchemaFactory {
  /** The operand key naming the one provider the schema is. */
  public static final String PROVIDER = "provider";

  public static final CredqlSchemaFactory INSTANCE = new CredqlSchemaFactory();

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    final Properties given = new Properties();
    operand.forEach((key, value) -> {
      if (!key.equals(PROVIDER) && value != null) {
        given.setProperty(key, String.valueOf(value));
      }
    });
    try {
      final ConnectionProperties properties = ConnectionProperties.parse(given);
      final @Nullable RunningSimulator sandbox = properties.sandbox() ? SandboxConnections.open() : null;
      final CredqlSession session = Driver.newSession(properties, sandbox);
      if (sandbox != null) {
        SandboxConnections.attach(session, sandbox);
      }
      final ProviderCatalog catalog = session.catalog();
      final Object provider = operand.get(PROVIDER);
      if (provider != null) {
        if (catalog.provider(String.valueOf(provider)) == null) {
          throw new InvalidInputException("schema " + name + ": operand provider '" + provider
              + "' is not a provider credql knows (known: " + String.join(", ", catalog.providerNames()) + ")");
        }
        return new ProviderSchema(session, String.valueOf(provider));
      }
      final Map<String, Schema> providers = new LinkedHashMap<>();
      for (String each : catalog.providerNames()) {
        providers.put(each, new ProviderSchema(session, each));
      }
      return new AbstractSchema() {
        @Override protected Map<String, Schema> getSubSchemaMap() {
          return providers;
        }
      };
    } catch (InvalidInputException e) {
      // Calcite wraps this in "Error instantiating JsonCustomSchema(name=...)", which names the schema
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
