package io.credql.functions;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system, except that texts of different lengths meeting in a CASE, COALESCE or
 * UNION are VARCHAR, as in SQLite, not blank-padded CHAR ({@code 'up'} stays {@code 'up'}).
 */
public final class SqliteTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new SqliteTypeSystem();

  private SqliteTypeSystem() {
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
