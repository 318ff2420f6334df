package io.credql.plan;

import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.session.CredqlSession;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Schema of one service: a table per resource. Reads the service document on first use. */
public final class ServiceSchema extends AbstractSchema {
  private final CredqlSession session;
  private final ProviderSchema provider;
  private final String name;
  private volatile @Nullable Map<String, Table> tables;

  ServiceSchema(CredqlSession session, ProviderSchema provider, String name) {
    this.session = requireNonNull(session, "session");
    this.provider = requireNonNull(provider, "provider");
    this.name = requireNonNull(name, "name");
  }

  public ServiceDocument document() {
    return requireNonNull(provider.document().service(name), name); // the schema is made for a listed service
  }

  @Override protected Map<String, Table> getTableMap() {
    Map<String, Table> result = tables;
    if (result == null) {
      result = new LinkedHashMap<>();
      for (ResourceDefinition resource : document().resources().values()) {
        result.put(resource.name(), new ResourceTable(session, resource));
      }
      tables = result;
    }
    return result;
  }

  @Override public boolean isMutable() {
    return false;
  }
}
