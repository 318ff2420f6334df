package io.credql.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The Postgres instances a simulator starts with: none, some, or the sandbox's demo workspace. */
public final class RenderDataset {
  /** The demo's production database: two users, the newer one the default, mid-way through a rotation. */
  public static final String ORDERS_PROD = "dpg-cq1orderprod0a1b2c3d";
  /** The demo's analytics database in Frankfurt, behind a PgBouncer pool. */
  public static final String ANALYTICS = "dpg-cq2analytics0e4f5g6h";
  /** The demo's staging database, suspended by its owner. */
  public static final String STAGING = "dpg-cq3stagingdb0h7i8j9k";

  private final List<PostgresInstance> instances;

  private RenderDataset(List<PostgresInstance> instances) {
    final Set<String> ids = new HashSet<>();
    for (PostgresInstance instance : instances) {
      if (!ids.add(requireNonNull(instance, "instance").id())) {
        throw new IllegalArgumentException("two instances have the id " + instance.id());
      }
    }
    this.instances = List.copyOf(instances);
  }

  public static RenderDataset empty() {
    return new RenderDataset(List.of());
  }

  public static RenderDataset of(PostgresInstance... instances) {
    return new RenderDataset(List.of(instances));
  }

  public static RenderDataset of(Collection<PostgresInstance> instances) {
    return new RenderDataset(new ArrayList<>(instances));
  }

  /** Three instances of one team: {@link #ORDERS_PROD}, {@link #ANALYTICS} and {@link #STAGING}. */
  public static RenderDataset demo() {
    final PostgresInstance.Owner team =
        new PostgresInstance.Owner("tea-cq0demoteam0a1b2c3d4", "Demo Team", "team@example.com", "team");
    final Instant created = Instant.parse("2025-01-15T10:30:00Z");
    return of(
        PostgresInstance.builder(ORDERS_PROD, "orders-prod")
            .databaseName("orders").databaseUser("orders_user").region("oregon").plan("pro_4gb")
            .version("16").owner(team).environmentId("evm-cq0production0a1b2c")
            .diskSizeGb(40).diskAutoscalingEnabled(true).createdAt(created)
            .users(List.of(PostgresUser.of("orders_user", created),
                new PostgresUser("orders_user_v2", null, Instant.parse("2025-06-01T09:00:00Z"), 4)))
            .build(),
        PostgresInstance.builder(ANALYTICS, "analytics")
            .databaseName("analytics").databaseUser("analytics_user").region("frankfurt")
            .plan("pro_8gb").version("17").owner(team).highAvailabilityEnabled(true)
            .connectionPooled(true).diskSizeGb(100).createdAt(Instant.parse("2025-03-02T08:15:00Z"))
            .users(List.of(new PostgresUser("analytics_user", null, Instant.parse("2025-03-02T08:15:00Z"), 7)))
            .build(),
        PostgresInstance.builder(STAGING, "staging")
            .databaseName("staging").databaseUser("staging_user").region("ohio").plan("basic_256mb")
            .version("15").owner(team).suspendedBy("user")
            .createdAt(Instant.parse("2025-04-20T16:45:00Z"))
            .build());
  }

  /** The instances, in the order given. */
  public List<PostgresInstance> instances() {
    return instances;
  }
}
