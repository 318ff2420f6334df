package io.credql.jdbc;

import io.credql.session.CredqlSession;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the session of a connection from what Calcite hands to the prepare step (the connection's
 * root schema), since Calcite has no slot for adapter state on a connection.
 */
final class Sessions {
  private static final Map<CalciteSchema, CredqlSession> BY_ROOT = new WeakHashMap<>();

  private Sessions() {
  }

  static synchronized void register(CalciteSchema root, CredqlSession session) {
    BY_ROOT.put(root, session);
  }

  static synchronized @Nullable CredqlSession of(CalciteSchema root) {
    return BY_ROOT.get(root);
  }

  static synchronized @Nullable CredqlSession remove(CalciteSchema root) {
    return BY_ROOT.remove(root);
  }
}
