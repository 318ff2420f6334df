package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlHint;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Parse tree of StackQL's {@code EXEC provider.service.resource.method @name = value ... @@json = '...'}.
 */
public class SqlExec extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("EXEC", SqlKind.OTHER);

  private final SqlNodeList hints;
  private final SqlIdentifier method;
  private final SqlNodeList parameters;

  public SqlExec(SqlParserPos pos, SqlNodeList hints, SqlIdentifier method, SqlNodeList parameters) {
    super(pos);
    this.hints = requireNonNull(hints, "hints");
    this.method = requireNonNull(method, "method");
    this.parameters = requireNonNull(parameters, "parameters");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(hints, method, parameters);
  }

  /** The method's four-part name, provider.service.resource.method. */
  public SqlIdentifier method() {
    return method;
  }

  /** The {@code @name = value} parameters, in order, not counting the {@code @@} payload. */
  public List<SqlExecParameter> namedParameters() {
    final List<SqlExecParameter> result = new ArrayList<>();
    for (SqlNode node : parameters) {
      final SqlExecParameter parameter = (SqlExecParameter) node;
      if (!parameter.isPayload()) {
        result.add(parameter);
      }
    }
    return result;
  }

  /** The {@code @@json = '...'} payloads; StackQL allows at most one. */
  public List<SqlExecParameter> payloads() {
    final List<SqlExecParameter> result = new ArrayList<>();
    for (SqlNode node : parameters) {
      final SqlExecParameter parameter = (SqlExecParameter) node;
      if (parameter.isPayload()) {
        result.add(parameter);
      }
    }
    return result;
  }

  /** Upper-cased names of the hints, e.g. {@code SHOWRESULTS}, {@code AWAIT}. */
  public List<String> hintNames() {
    return SqlHints.names(hints);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXEC");
    if (!hints.isEmpty()) {
      writer.print("/*+ ");
      final SqlWriter.Frame frame = writer.startList("", "");
      for (SqlNode hint : hints) {
        writer.sep(",");
        hint.unparse(writer, 0, 0);
      }
      writer.endList(frame);
      writer.print(" */ ");
    }
    method.unparse(writer, 0, 0);
    final SqlWriter.Frame frame = writer.startList("", "");
    for (SqlNode parameter : parameters) {
      writer.sep(",");
      parameter.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
