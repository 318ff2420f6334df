package io.credql.redact;

import java.util.List;
import java.util.Set;

/**
 * The names under which a resource's document marks a value secret, however innocent they sound;
 * the session answers from its loaded documents, so that masking sits below the documents.
 */
@FunctionalInterface
public interface MarkedSecretNames {
  /** Knows no document: only names that sound secret count. */
  MarkedSecretNames NONE = names -> Set.of();

  /**
   * The lower-cased names marked secret in the resource {@code names} starts with
   * ({@code provider.service.resource}, perhaps followed by a method); empty when it names none.
   */
  Set<String> in(List<String> names);
}
