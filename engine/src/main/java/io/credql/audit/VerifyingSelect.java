package io.credql.audit;

import io.credql.document.MethodDefinition;
import io.credql.document.SqlVerb;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The SELECT that shows whether a mutation whose outcome is unknown took effect: the resource's
 * first SELECT method, with its required parameters left for the user to fill in.
 */
public final class VerifyingSelect {
  private VerifyingSelect() {
  }

  /** E.g. {@code SELECT * FROM linode.databases.postgresql_instances_credentials WHERE instanceId = ...}, or null. */
  public static @Nullable String of(MethodDefinition mutation) {
    requireNonNull(mutation, "mutation");
    final List<MethodDefinition> selects = mutation.resource().methodsFor(SqlVerb.SELECT);
    if (selects.isEmpty()) {
      return null;
    }
    final List<String> required = selects.get(0).requiredInputNames();
    final StringBuilder select = new StringBuilder("SELECT * FROM ").append(mutation.resource().id());
    for (int i = 0; i < required.size(); i++) {
      select.append(i == 0 ? " WHERE " : " AND ").append(required.get(i)).append(" = ...");
    }
    return select.toString();
  }
}
