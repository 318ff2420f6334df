package io.credql.linode;

import java.util.Locale;

/** The operating status of a Managed Database: the enum of Linode's API v4 specification. */
public enum DatabaseStatus {
  PROVISIONING,
  ACTIVE,
  SUSPENDING,
  SUSPENDED,
  RESUMING,
  RESTORING,
  FAILED,
  DEGRADED,
  UPDATING,
  BACKING_UP;

  /** The value of the {@code status} field, e.g. {@code backing_up}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
