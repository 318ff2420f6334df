package io.credql.statement;

import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.UnknownObjectException;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlRefreshMaterializedView;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Function;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateMaterializedView;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropMaterializedView;
import org.apache.calcite.sql.ddl.SqlDropView;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code CREATE [OR REPLACE] VIEW}, {@code DROP VIEW [IF EXISTS]} (views kept for the user by
 * {@link ViewStore}), and {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS]},
 * {@code REFRESH MATERIALIZED VIEW} and {@code DROP MATERIALIZED VIEW [IF EXISTS]} (rows held by
 * the connection, in memory only). Each takes effect when the statement is executed.
 */
record ViewHandler(CredqlSession session) implements StatementHandler {
  static boolean accepts(SqlNode node) {
    return node instanceof SqlCreateView || node instanceof SqlCreateMaterializedView
        || node instanceof SqlDropView || node instanceof SqlDropMaterializedView
        || node instanceof SqlRefreshMaterializedView;
  }

  /** The work of one statement, done at execution. */
  private interface Action {
    void run(DataContext dataContext) throws CredqlException;
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final CalciteSchema root = context.getMutableRootSchema();
    final ViewStore store = ViewStore.of(session);
    final Action action;
    if (node instanceof SqlCreateView) {
      final SqlCreateView create = (SqlCreateView) node;
      final String name = viewName(create.name);
      final String query = StatementText.of(sql, create.query);
      final boolean replace = create.getReplace();
      action = dataContext -> {
        requireFree(root, name, replace, false);
        store.save(name, query);
        root.removeFunction(name);
        ViewStore.register(root.plus(), name, query);
      };
    } else if (node instanceof SqlCreateMaterializedView) {
      final SqlCreateMaterializedView create = (SqlCreateMaterializedView) node;
      final String name = viewName(create.name);
      final String query = StatementText.of(sql, create.query);
      final boolean replace = create.getReplace();
      final boolean ifNotExists = create.ifNotExists;
      action = dataContext -> {
        if (ifNotExists && snapshot(root, name) != null) {
          return;
        }
        requireFree(root, name, replace, true);
        final List<ResultColumn> columns = new ArrayList<>();
        final List<Object[]> rows = run(dataContext, query, name, columns);
        root.removeTable(name);
        root.add(name, new SnapshotTable(query, columns, rows));
      };
    } else if (node instanceof SqlRefreshMaterializedView) {
      final String name = viewName(((SqlRefreshMaterializedView) node).name());
      action = dataContext -> {
        final SnapshotTable table = snapshot(root, name);
        if (table == null) {
          throw new UnknownObjectException("there is no materialized view " + name
              + " in this connection; create it with CREATE MATERIALIZED VIEW " + name + " AS SELECT ...");
        }
        table.refresh(run(dataContext, table.sql(), name, new ArrayList<>()));
      };
    } else {
      final boolean materialized = node instanceof SqlDropMaterializedView;
      final SqlIdentifier id = materialized ? ((SqlDropMaterializedView) node).name
          : ((SqlDropView) node).name;
      final boolean ifExists = materialized ? ((SqlDropMaterializedView) node).ifExists
          : ((SqlDropView) node).ifExists;
      final String name = viewName(id);
      action = dataContext -> {
        final boolean exists = materialized ? snapshot(root, name) != null : view(root, name) != null;
        if (!exists) {
          if (ifExists) {
            return;
          }
          throw new UnknownObjectException("there is no " + (materialized ? "materialized view " : "view ")
              + name + "; DROP " + (materialized ? "MATERIALIZED " : "") + "VIEW IF EXISTS "
              + name + " ignores a missing one");
        }
        if (materialized) {
          root.removeTable(name);
        } else {
          store.delete(name);
          root.removeFunction(name);
        }
      };
    }
    return Signatures.update(context, sql, List.of(), dataContext -> {
      try {
        action.run(dataContext);
        return 0L;
      } catch (CredqlException e) {
        throw e.unchecked();
      }
    });
  }

  private String viewName(SqlIdentifier id) throws InvalidInputException {
    if (id.names.size() != 1) {
      throw new InvalidInputException("a view's name is one word, not '" + id
          + "': views live beside the providers, as in CREATE VIEW my_instances AS SELECT ...");
    }
    final String name = ViewStore.name(id.getSimple());
    if (session.catalog().providerNames().stream().anyMatch(p -> p.equalsIgnoreCase(name))) {
      throw new InvalidInputException("a view may not be called " + name
          + ", which is the name of a provider");
    }
    return name;
  }

  /** Fails unless {@code name} is free, or may be replaced, for a view of the given kind. */
  private static void requireFree(CalciteSchema root, String name, boolean replace,
      boolean materialized) throws InvalidInputException {
    final boolean plainExists = view(root, name) != null;
    final boolean snapshotExists = snapshot(root, name) != null;
    if (materialized ? plainExists : snapshotExists) {
      throw new InvalidInputException((plainExists ? "a view " : "a materialized view ") + name
          + " exists already; drop it first with DROP " + (plainExists ? "" : "MATERIALIZED ")
          + "VIEW " + name);
    }
    if ((plainExists || snapshotExists) && !replace) {
      throw new InvalidInputException((plainExists ? "view " : "materialized view ") + name
          + " exists already; use CREATE OR REPLACE " + (plainExists ? "" : "MATERIALIZED ")
          + "VIEW " + name + " to change it");
    }
  }

  private static @Nullable StoredViewMacro view(CalciteSchema root, String name) {
    for (Function function : root.getFunctions(name, false)) {
      if (function instanceof StoredViewMacro) {
        return (StoredViewMacro) function;
      }
    }
    return null;
  }

  private static @Nullable SnapshotTable snapshot(CalciteSchema root, String name) {
    final CalciteSchema.TableEntry entry = root.getTable(name, false);
    return entry != null && entry.getTable() instanceof SnapshotTable
        ? (SnapshotTable) entry.getTable() : null;
  }

  /** Runs a materialized view's query on this connection; fills {@code columns} with its columns. */
  private static List<Object[]> run(DataContext dataContext, String query, String name,
      List<ResultColumn> columns) throws CredqlException {
    final CalciteConnection connection = (CalciteConnection) dataContext.getQueryProvider();
    final List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet resultSet = statement.executeQuery(query)) {
      final ResultSetMetaData metaData = resultSet.getMetaData();
      final int count = metaData.getColumnCount();
      for (int i = 1; i <= count; i++) {
        final SqlTypeName type = SqlTypeName.getNameForJdbcType(metaData.getColumnType(i));
        columns.add(new ResultColumn(metaData.getColumnLabel(i), storable(type)));
      }
      while (resultSet.next()) {
        final Object[] row = new Object[count];
        for (int i = 0; i < count; i++) {
          row[i] = value(resultSet, i + 1, columns.get(i).type());
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      final CredqlException credql = CredqlException.find(e);
      throw credql != null ? credql : new InvalidInputException("the query of materialized view "
          + name + " failed: " + e.getMessage());
    }
    return rows;
  }

  /** The type a snapshot keeps a column as: numbers and booleans as they are, the rest as text. */
  private static SqlTypeName storable(@Nullable SqlTypeName type) {
    if (type == null) {
      return SqlTypeName.VARCHAR;
    }
    switch (type) {
    case BIGINT:
    case INTEGER:
    case SMALLINT:
    case TINYINT:
      return SqlTypeName.BIGINT;
    case DOUBLE:
    case FLOAT:
    case REAL:
    case DECIMAL:
      return SqlTypeName.DOUBLE;
    case BOOLEAN:
      return SqlTypeName.BOOLEAN;
    default:
      return SqlTypeName.VARCHAR;
    }
  }

  private static @Nullable Object value(ResultSet resultSet, int index, SqlTypeName type)
      throws SQLException {
    final Object value;
    switch (type) {
    case BIGINT:
      value = resultSet.getLong(index);
      break;
    case DOUBLE:
      value = resultSet.getDouble(index);
      break;
    case BOOLEAN:
      value = resultSet.getBoolean(index);
      break;
    default:
      value = resultSet.getString(index);
      break;
    }
    return resultSet.wasNull() ? null : value;
  }
}
