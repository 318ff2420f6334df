package io.credql.plan;

import io.credql.document.ProviderDocument;
import io.credql.session.CredqlSession;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Schema of one provider: a sub-schema per service. Reads {@code provider.yaml} on first use. */
public final class ProviderSchema extends AbstractSchema {
  private final CredqlSession session;
  private final String name;
  private volatile @Nullable Map<String, Schema> services;

  public ProviderSchema(CredqlSession session, String name) {
    this.session = requireNonNull(session, "session");
    this.name = requireNonNull(name, "name");
  }

  public ProviderDocument document() {
    return requireNonNull(session.catalog().provider(name), name); // the schema is made for a known provider
  }

  @Override protected Map<String, Schema> getSubSchemaMap() {
    Map<String, Schema> result = services;
    if (result == null) {
      result = new LinkedHashMap<>();
      for (String service : document().serviceEntries().keySet()) {
        result.put(service, new ServiceSchema(session, this, service));
      }
      services = result;
    }
    return result;
  }

  @Override public boolean isMutable() {
    return false;
  }
}
