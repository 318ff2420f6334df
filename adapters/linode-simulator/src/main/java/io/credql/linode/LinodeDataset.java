package io.credql.linode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The Managed Databases a simulator starts with; ids are unique across engines, as at Linode. */
public final class LinodeDataset {
  private static final LinodeDataset EMPTY = new LinodeDataset(List.of());

  private final List<ManagedDatabase> databases;

  private LinodeDataset(List<ManagedDatabase> databases) {
    final Set<Long> ids = new HashSet<>();
    for (ManagedDatabase db : databases) {
      requireNonNull(db, "database");
      if (!ids.add(db.id())) {
        throw new IllegalArgumentException("two databases have id " + db.id()
            + "; Linode's database ids are unique across engines");
      }
    }
    this.databases = List.copyOf(databases);
  }

  /** No databases at all. */
  public static LinodeDataset empty() {
    return EMPTY;
  }

  public static LinodeDataset of(ManagedDatabase... databases) {
    return new LinodeDataset(List.of(databases));
  }

  public static LinodeDataset of(List<ManagedDatabase> databases) {
    return new LinodeDataset(databases);
  }

  /** This dataset and {@code more}. */
  public LinodeDataset with(ManagedDatabase... more) {
    final List<ManagedDatabase> all = new ArrayList<>(databases);
    all.addAll(List.of(more));
    return new LinodeDataset(all);
  }

  /** The databases, in the order given. */
  public List<ManagedDatabase> databases() {
    return databases;
  }

  /**
   * The sandbox's account: PostgreSQL databases 123 to 126 and MySQL databases 131 to 133. 123,
   * 124, 131 and 132 are active; 125 is provisioning; 126 and 133 are suspended, so their
   * credentials cannot be read. Passwords are generated when the simulator starts.
   */
  public static LinodeDataset demo() {
    final ObjectNode pgConfig = JsonNodeFactory.instance.objectNode();
    pgConfig.putObject("pg").put("max_connections", 200).put("timezone", "UTC")
        .put("password_encryption", "scram-sha-256");
    pgConfig.put("work_mem", 4);
    final ObjectNode mysqlConfig = JsonNodeFactory.instance.objectNode();
    mysqlConfig.putObject("mysql").put("connect_timeout", 10).put("sql_require_primary_key", true);
    mysqlConfig.put("binlog_retention_period", 600);
    return of(
        ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 123, "orders-prod")
            .region("us-east").type("g6-dedicated-4").clusterSize(3).version("16.4")
            .created(LocalDateTime.of(2024, 3, 4, 9, 15, 22)).updated(LocalDateTime.of(2025, 6, 2, 4, 0, 11))
            .diskSizeGb(80, 23)
            .privateNetwork(new ManagedDatabase.PrivateNetwork(4201, 8801, false))
            .engineConfig(pgConfig)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 124, "analytics-fork")
            .region("eu-central").type("g6-dedicated-2").version("16.4")
            .created(LocalDateTime.of(2025, 2, 11, 14, 2, 7))
            .fork(new ManagedDatabase.Fork(123, LocalDateTime.of(2025, 2, 11, 13, 0, 0)))
            .diskSizeGb(40, 9)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 125, "staging-api")
            .status(DatabaseStatus.PROVISIONING).region("us-ord").type("g6-nanode-1").version("17.2")
            .created(LocalDateTime.of(2025, 7, 1, 8, 45, 0)).oldestRestoreTime(null)
            .diskSizeGb(9, 0)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 126, "legacy-billing")
            .status(DatabaseStatus.SUSPENDED).region("us-west").type("g6-standard-1").version("13.16")
            .username("linroot").created(LocalDateTime.of(2022, 5, 19, 17, 30, 41))
            .diskSizeGb(25, 14)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.MYSQL, 131, "shop-catalog")
            .region("us-east").type("g6-dedicated-4").clusterSize(3).version("8.0.35")
            .created(LocalDateTime.of(2023, 11, 20, 11, 5, 3)).updated(LocalDateTime.of(2025, 5, 30, 2, 10, 0))
            .diskSizeGb(80, 31)
            .engineConfig(mysqlConfig)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.MYSQL, 132, "wordpress-blog")
            .region("ap-west").type("g6-standard-2").version("8.0.35")
            .username("linroot").created(LocalDateTime.of(2024, 8, 8, 6, 0, 59))
            .diskSizeGb(25, 4)
            .build(),
        ManagedDatabase.builder(DatabaseEngine.MYSQL, 133, "reporting-archive")
            .status(DatabaseStatus.SUSPENDED).region("gb-lon").type("g6-standard-1").version("8.0.30")
            .created(LocalDateTime.of(2023, 1, 9, 22, 14, 36))
            .diskSizeGb(25, 19)
            .build());
  }
}
