package io.credql.document;

import io.credql.ConformanceDocuments;
import io.credql.session.ProviderCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which calls change something, read from StackQL's own RDS document, where every action is a GET. */
class MutationByVerbTest {
  private static ResourceDefinition dbInstances() {
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(),
        List.of(ConformanceDocuments.stackqlRegistry()));
    final ProviderDocument aws = requireNonNull(catalog.provider("aws"), "aws");
    return requireNonNull(requireNonNull(aws.service("rds"), "rds").resource("db_instances"), "db_instances");
  }

  @Test void aPasswordChangeDeclaredAsAGetIsAMutationSoItIsNeverRetriedAndADryRunDoesNotSendIt() {
    final ResourceDefinition instances = dbInstances();
    assertTrue(requireNonNull(instances.method("modify_db_instance"), "modify").isMutation());
    assertTrue(requireNonNull(instances.method("delete_db_instance"), "delete").isMutation());
  }

  @Test void aListingDeclaredAsAGetStaysARead() {
    assertFalse(requireNonNull(dbInstances().method("describe_db_instances"), "describe").isMutation());
  }
}
