package io.credql.server;

/** What a statement does, as far as roles care. */
public enum StatementKind {
  /** SELECT, VALUES, WITH, EXPLAIN: reads. */
  QUERY("SELECT", false),
  /** SHOW and DESCRIBE: reads the catalog. */
  SHOW("SHOW", false),
  /** EXEC of a provider method. */
  EXEC("EXEC", true),
  /** INSERT, UPDATE, REPLACE, DELETE. */
  CHANGE("INSERT, UPDATE, REPLACE or DELETE", true),
  /** Anything else (views, REGISTRY PULL, ...): changes what the server holds. */
  OTHER("this statement", true);

  private final String label;
  private final boolean changes;

  StatementKind(String label, boolean changes) {
    this.label = label;
    this.changes = changes;
  }

  /** Whether the statement may change something (at a provider or on the server). */
  public boolean changes() {
    return changes;
  }

  /** How a refusal names it. */
  public String label() {
    return label;
  }
}
