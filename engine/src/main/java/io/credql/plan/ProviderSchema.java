package io.credql.plan;

import io.credql.document.ProviderDocument;
import io.credql.session.CredqlSession;
import org.apache.calcite.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Schema of one provider: a sub-schema per service. Reads {@code provider.yaml} on first use. */
public final class ProviderSchema extends DocumentSchema<Schema> {
  public ProviderSchema(CredqlSession session, String name) {
    super(session, name);
  }

  public ProviderDocument document() {
    return requireNonNull(session.catalog().provider(name), name); // the schema is made for a known provider
  }

  @Override protected Map<String, Schema> getSubSchemaMap() {
    return members();
  }

  @Override Map<String, Schema> readMembers() {
    final Map<String, Schema> services = new LinkedHashMap<>();
    for (String service : document().serviceEntries().keySet()) {
      services.put(service, new ServiceSchema(session, this, service));
    }
    return services;
  }
}
