package io.credql.redact;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sql.SqlExec;
import io.credql.sql.SqlExecParameter;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Masks the secrets a statement's text carries, for places that keep statements (the shell's
 * history): literals given to a parameter or column whose name is sensitive ({@code @password =
 * '...'}, {@code SET db_user_pwd = '...'}, an INSERT's {@code password} value, {@code WHERE token =
 * '...'}), sensitive fields inside an {@code @@json} body, and any secret the {@link Redactor}
 * knows. A statement that does not parse has every string literal masked if it mentions a
 * sensitive name, since its structure cannot be trusted.
 */
public final class StatementMasker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MASKED_LITERAL = "'" + Redactor.MASK + "'";

  private final Redactor redactor;

  public StatementMasker(Redactor redactor) {
    this.redactor = redactor;
  }

  /** {@code sql} with its secrets masked. */
  public String mask(String sql) {
    if (sql == null || sql.isBlank()) {
      return sql;
    }
    String masked;
    try {
      masked = maskParsed(sql);
    } catch (SqlParseException | RuntimeException e) {
      masked = maskAllLiteralsIfSensitive(sql);
    }
    return redactor.redact(masked);
  }

  private static String maskParsed(String sql) throws SqlParseException {
    final SqlParser.Config config = SqlParser.config().withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
    final SqlNodeList statements = SqlParser.create(sql, config).parseStmtList();
    final TreeMap<Integer, int[]> replacements = new TreeMap<>();
    final List<String> texts = new ArrayList<>();
    for (SqlNode statement : statements) {
      statement.accept(new Finder(sql, replacements, texts));
    }
    final StringBuilder result = new StringBuilder(sql);
    for (Integer start : replacements.descendingKeySet()) {
      final int[] range = requireNonNull(replacements.get(start), "range"); // a key of the map
      result.replace(range[0], range[1], texts.get(range[2]));
    }
    return result.toString();
  }

  /** Finds the spans of secret literals in a parse tree. */
  private static final class Finder extends SqlBasicVisitor<Void> {
    private final String sql;
    private final TreeMap<Integer, int[]> replacements;
    private final List<String> texts;

    Finder(String sql, TreeMap<Integer, int[]> replacements, List<String> texts) {
      this.sql = sql;
      this.replacements = replacements;
      this.texts = texts;
    }

    private void replace(SqlNode node, String text) {
      final SqlParserPos pos = node.getParserPosition();
      if (pos.getLineNum() <= 0) {
        return;
      }
      final int start = SqlParserUtil.lineColToIndex(sql, pos.getLineNum(), pos.getColumnNum());
      final int end = SqlParserUtil.lineColToIndex(sql, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
      if (start >= 0 && end <= sql.length() && start < end) {
        texts.add(text);
        replacements.put(start, new int[] {start, end, texts.size() - 1});
      }
    }

    private void maskIfLiteral(SqlNode value) {
      if (value instanceof SqlLiteral || value.getKind() == SqlKind.LITERAL_CHAIN
          || value.getKind() == SqlKind.MINUS_PREFIX) {
        replace(value, MASKED_LITERAL);
      }
    }

    @Override public Void visit(SqlCall call) {
      if (call instanceof SqlExec) {
        for (SqlExecParameter parameter : ((SqlExec) call).namedParameters()) {
          if (Redactor.isSensitiveName(parameter.name())) {
            maskIfLiteral(parameter.value());
          }
        }
        for (SqlExecParameter payload : ((SqlExec) call).payloads()) {
          maskJson(payload.value());
        }
        return null;
      }
      if (call instanceof SqlInsert) {
        final SqlInsert insert = (SqlInsert) call;
        final SqlNodeList columns = insert.getTargetColumnList();
        if (columns != null && insert.getSource().getKind() == SqlKind.VALUES) {
          for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
            final List<SqlNode> values = row.getKind() == SqlKind.ROW
                ? ((SqlCall) row).getOperandList() : List.of(row);
            for (int i = 0; i < values.size() && i < columns.size(); i++) {
              if (Redactor.isSensitiveName(lastName(columns.get(i)))) {
                maskIfLiteral(values.get(i));
              }
            }
          }
        }
        return super.visit(call);
      }
      if (call instanceof SqlUpdate) {
        final SqlUpdate update = (SqlUpdate) call;
        for (int i = 0; i < update.getTargetColumnList().size(); i++) {
          if (Redactor.isSensitiveName(lastName(update.getTargetColumnList().get(i)))) {
            maskIfLiteral(update.getSourceExpressionList().get(i));
          }
        }
        return super.visit(call);
      }
      if (call instanceof SqlBasicCall && call.getKind() == SqlKind.EQUALS) {
        final SqlNode left = call.operand(0);
        final SqlNode right = call.operand(1);
        if (left instanceof SqlIdentifier && Redactor.isSensitiveName(lastName(left))) {
          maskIfLiteral(right);
        }
        if (right instanceof SqlIdentifier && Redactor.isSensitiveName(lastName(right))) {
          maskIfLiteral(left);
        }
      }
      return super.visit(call);
    }

    private void maskJson(SqlNode value) {
      if (!(value instanceof SqlLiteral) && value.getKind() != SqlKind.LITERAL_CHAIN) {
        return;
      }
      final String text = SqlLiteral.unchain(value).getValueAs(String.class);
      try {
        final JsonNode tree = JSON.readTree(text);
        if (tree != null) {
          replace(value, "'" + new Redactor().mask(tree).toString().replace("'", "''") + "'");
          return;
        }
      } catch (IOException e) {
        // not JSON: masked whole below if it mentions a secret
      }
      if (Redactor.isSensitiveName(text)) {
        replace(value, MASKED_LITERAL);
      }
    }

    private static String lastName(SqlNode identifier) {
      final List<String> names = ((SqlIdentifier) identifier).names;
      return names.get(names.size() - 1);
    }
  }

  /** Every quoted literal masked when the text names something sensitive; the text as it is otherwise. */
  private static String maskAllLiteralsIfSensitive(String sql) {
    if (!Redactor.isSensitiveName(sql.toLowerCase(Locale.ROOT))) {
      return sql;
    }
    final StringBuilder result = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      final char c = sql.charAt(i);
      if (c == '\'') {
        int j = i + 1;
        while (j < sql.length()) {
          if (sql.charAt(j) == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
            j += 2;
          } else if (sql.charAt(j) == '\'') {
            break;
          } else {
            j++;
          }
        }
        result.append(MASKED_LITERAL);
        i = j + 1;
      } else {
        result.append(c);
        i++;
      }
    }
    return result.toString();
  }
}
