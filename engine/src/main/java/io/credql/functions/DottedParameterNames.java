package io.credql.functions;

import io.credql.error.InvalidInputException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reads a dotted name in a WHERE clause or select list that names no table in scope as one column
 * whose name has dots: Google's documents have query parameters such as
 * {@code options.requestedPolicyVersion} and {@code serviceFilter.service}, and Azure's responses
 * fields such as {@code restAuthCredential.isEnabled}, which StackQL's reference pages write
 * unquoted ({@code WHERE options.requestedPolicyVersion = 3}), where SQL would read a table.
 * A name that resolves as written ({@code alias.column}, a correlated outer alias) keeps its
 * meaning; a dotted name that is a column of two tables in the FROM is an error naming both.
 *
 * <p>StackQL's own router refuses these names ("alias 'options' does not map to any table
 * expression", {@code internal/stackql/router/parameter_router.go}); credql follows its pages.
 */
final class DottedParameterNames extends SqlShuttle {
  private final SqlValidatorScope scope;
  private final SqlNameMatcher matcher;

  private DottedParameterNames(SqlValidatorScope scope, SqlNameMatcher matcher) {
    this.scope = requireNonNull(scope, "scope");
    this.matcher = requireNonNull(matcher, "matcher");
  }

  /** {@code condition} with each dotted column name that no table qualifies read as one name. */
  static SqlNode resolve(SqlNode condition, SqlValidatorScope scope, SqlNameMatcher matcher) {
    return requireNonNull(condition.accept(new DottedParameterNames(scope, matcher)), "condition");
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    // a subquery has a scope of its own, which its own WHERE is resolved in
    return call.getKind().belongsTo(SqlKind.QUERY) ? call : super.visit(call);
  }

  @Override public SqlNode visit(SqlIdentifier id) {
    if (id.names.size() < 2 || id.isStar() || resolvesAsWritten(id)) {
      return id;
    }
    final String whole = String.join(".", id.names);
    final Map<String, ?> tables = scope.findQualifyingTableNames(whole, id, matcher);
    if (tables.size() == 1) {
      return new SqlIdentifier(List.of(tables.keySet().iterator().next(), whole), id.getParserPosition());
    }
    if (tables.size() > 1) {
      final List<String> qualified = new ArrayList<>();
      tables.keySet().forEach(alias -> qualified.add(alias + ".\"" + whole + "\""));
      throw new InvalidInputException(whole + " is a column of " + String.join(" and ", tables.keySet())
          + ": say which, as " + String.join(" or ", qualified)).unchecked();
    }
    // alias.options.requestedPolicyVersion: the rest after a table's alias is one name
    final String rest = String.join(".", id.names.subList(1, id.names.size()));
    for (String alias : scope.findQualifyingTableNames(rest, id, matcher).keySet()) {
      if (matcher.matches(alias, id.names.get(0))) {
        return new SqlIdentifier(List.of(alias, rest), id.getParserPosition());
      }
    }
    return id;
  }

  private boolean resolvesAsWritten(SqlIdentifier id) {
    try {
      scope.fullyQualify(id);
      return true;
    } catch (RuntimeException e) {
      // Calcite's "Table 'options' not found": the validator reports it if nothing else fits
      return false;
    }
  }
}
