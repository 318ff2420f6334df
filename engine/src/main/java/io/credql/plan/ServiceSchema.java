package io.credql.plan;

import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.session.CredqlSession;
import org.apache.calcite.schema.Table;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Schema of one service: a table per resource. Reads the service document on first use. */
public final class ServiceSchema extends DocumentSchema<Table> {
  private final ProviderSchema provider;

  ServiceSchema(CredqlSession session, ProviderSchema provider, String name) {
    super(session, name);
    this.provider = requireNonNull(provider, "provider");
  }

  public ServiceDocument document() {
    return requireNonNull(provider.document().service(name), name); // the schema is made for a listed service
  }

  @Override protected Map<String, Table> getTableMap() {
    return members();
  }

  @Override Map<String, Table> readMembers() {
    final Map<String, Table> tables = new LinkedHashMap<>();
    for (ResourceDefinition resource : document().resources().values()) {
      tables.put(resource.name(), new ResourceTable(session, resource));
    }
    return tables;
  }
}
