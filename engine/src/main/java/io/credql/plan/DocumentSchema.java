package io.credql.plan;

import io.credql.session.CredqlSession;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Schema made from a provider's documents: read-only, its members (a provider's services, a
 * service's resources) made from the document on first use and kept, so that connecting reads
 * no document a query does not name.
 *
 * @param <M> what a member is: a sub-schema or a table
 */
abstract class DocumentSchema<M> extends AbstractSchema {
  final CredqlSession session;
  final String name;
  private volatile @Nullable Map<String, M> members;

  DocumentSchema(CredqlSession session, String name) {
    this.session = requireNonNull(session, "session");
    this.name = requireNonNull(name, "name");
  }

  /** The members by name, read from the document on first use. */
  abstract Map<String, M> readMembers();

  /** The members by name, read once and kept (two first uses at once may both read; either answer serves). */
  final Map<String, M> members() {
    Map<String, M> result = members;
    if (result == null) {
      result = readMembers();
      members = result;
    }
    return result;
  }

  @Override public final boolean isMutable() {
    return false;
  }
}
