package io.credql.document;

/** How a method is reached from SQL, as StackQL's {@code sqlVerbs} map it; unmapped methods are EXEC. */
public enum SqlVerb {
  SELECT, INSERT, UPDATE, DELETE, REPLACE, EXEC
}
