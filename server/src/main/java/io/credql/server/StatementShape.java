package io.credql.server;

import io.credql.sql.CredqlParserConfig;
import io.credql.sql.SqlDescribeMethod;
import io.credql.sql.SqlDescribeResource;
import io.credql.sql.SqlExec;
import io.credql.sql.SqlMutation;
import io.credql.sql.SqlShow;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a statement is, read with credql's own parser before it runs: its {@link StatementKind} and
 * every dotted name it mentions (so a user limited to some providers can be held to them).
 */
public final class StatementShape {
  private final StatementKind kind;
  private final List<List<String>> names;

  private StatementShape(StatementKind kind, List<List<String>> names) {
    this.kind = requireNonNull(kind, "kind");
    this.names = List.copyOf(names);
  }

  /** Reads {@code sql}; a statement credql's parser cannot read is {@link StatementKind#OTHER}. */
  public static StatementShape of(String sql) {
    final SqlNode node;
    try {
      node = SqlParser.create(sql, CredqlParserConfig.CONFIG).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return new StatementShape(StatementKind.OTHER, List.of());
    }
    final Set<List<String>> names = new LinkedHashSet<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier id) {
        names.add(List.copyOf(id.names));
        return null;
      }
    });
    return new StatementShape(kindOf(node), new ArrayList<>(names));
  }

  private static StatementKind kindOf(SqlNode node) {
    if (node instanceof SqlExec) {
      return StatementKind.EXEC;
    }
    if (node instanceof SqlMutation) {
      return StatementKind.CHANGE;
    }
    if (node instanceof SqlShow || node instanceof SqlDescribeResource || node instanceof SqlDescribeMethod) {
      return StatementKind.SHOW;
    }
    if (node.getKind().belongsTo(SqlKind.QUERY) || node.getKind() == SqlKind.EXPLAIN) {
      return StatementKind.QUERY;
    }
    if (node.getKind().belongsTo(SqlKind.DML)) {
      return StatementKind.CHANGE;
    }
    return StatementKind.OTHER;
  }

  public StatementKind kind() {
    return kind;
  }

  /** Every identifier in the statement, as its parts (a table is {@code [provider, service, resource]}). */
  public List<List<String>> names() {
    return names;
  }
}
