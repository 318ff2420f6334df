package io.credql.redact;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets a statement's text carries, for places that keep statements (the shell's
 * history): literals given to a parameter or column whose name is sensitive ({@code @password =
 * '...'}, {@code SET db_user_pwd = '...'}, an INSERT's {@code password} value, {@code WHERE token =
 * '...'}) or that the document of a resource the statement names marks secret
 * ({@link MarkedSecretNames}), those fields inside an {@code @@json} body, and any secret the
 * {@link Redactor} knows. Each value masked here becomes known to the redactor, so the same value
 * is masked wherever it is given again. A statement that does not parse has every string literal
 * masked if it mentions a sensitive or marked name, since its structure cannot be trusted; so has
 * an INSERT whose values cannot be matched to its columns.
 */
public final class StatementMasker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MASKED_LITERAL = "'" + Redactor.MASK + "'";
  /** Conditions whose one side, a column with a secret name, makes the other side's literals secret. */
  private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
      SqlKind.IN, SqlKind.NOT_IN, SqlKind.LIKE, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);
  /** A resource's name in text that does not parse: provider.service.resource[.method]. */
  private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_][\\w$-]*(\\.[A-Za-z_][\\w$-]*){2,3}");

  private final Redactor redactor;
  private final MarkedSecretNames marked;

  /** Masks names that sound secret and the secrets {@code redactor} knows. */
  public StatementMasker(Redactor redactor) {
    this(redactor, MarkedSecretNames.NONE);
  }

  /** Also masks the values of names the documents mark secret ({@code marked}). */
  public StatementMasker(Redactor redactor, MarkedSecretNames marked) {
    this.redactor = requireNonNull(redactor, "redactor");
    this.marked = requireNonNull(marked, "marked");
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

  private String maskParsed(String sql) throws SqlParseException {
    final SqlParser.Config config = SqlParser.config().withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
    final SqlNodeList statements = SqlParser.create(sql, config).parseStmtList();
    final TreeMap<Integer, int[]> replacements = new TreeMap<>();
    final List<String> texts = new ArrayList<>();
    for (SqlNode statement : statements) {
      final Set<String> secretNames = new HashSet<>();
      statement.accept(new ResourceNames(names -> secretNames.addAll(marked.in(names))));
      statement.accept(new Finder(sql, replacements, texts, secretNames, redactor));
    }
    final StringBuilder result = new StringBuilder(sql);
    for (Integer start : replacements.descendingKeySet()) {
      final int[] range = requireNonNull(replacements.get(start), "range"); // a key of the map
      result.replace(range[0], range[1], texts.get(range[2]));
    }
    return result.toString();
  }

  /** Hands over the dotted names of the resources (and EXEC's methods) a statement names. */
  private static final class ResourceNames extends SqlBasicVisitor<Void> {
    private final Consumer<List<String>> consumer;

    ResourceNames(Consumer<List<String>> consumer) {
      this.consumer = consumer;
    }

    @Override public Void visit(SqlIdentifier id) {
      if (id.names.size() >= 3) {
        consumer.accept(id.names);
      }
      return null;
    }

    @Override public Void visit(SqlCall call) {
      if (call instanceof SqlExec) {
        consumer.accept(((SqlExec) call).method().names);
      }
      return super.visit(call);
    }
  }

  /** Finds the spans of secret literals in a parse tree. */
  private static final class Finder extends SqlBasicVisitor<Void> {
    private final String sql;
    private final TreeMap<Integer, int[]> replacements;
    private final List<String> texts;
    private final Set<String> secretNames;
    private final Redactor redactor;

    Finder(String sql, TreeMap<Integer, int[]> replacements, List<String> texts, Set<String> secretNames,
        Redactor redactor) {
      this.sql = sql;
      this.replacements = replacements;
      this.texts = texts;
      this.secretNames = secretNames;
      this.redactor = redactor;
    }

    private boolean isSecret(@Nullable String name) {
      return name != null && (Redactor.isSensitiveName(name)
          || secretNames.contains(name.toLowerCase(Locale.ROOT)));
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

    /**
     * Masks every literal in {@code value} ({@code 'a' || 'b'} too) and makes it known to the
     * redactor; the name given to env() or file() is kept, since it is no secret.
     */
    private void maskLiterals(@Nullable SqlNode value) {
      if (value == null) {
        return;
      }
      if (value instanceof SqlLiteral || value.getKind() == SqlKind.LITERAL_CHAIN) {
        final SqlLiteral literal = SqlLiteral.unchain(value);
        if (literal.getTypeName() == SqlTypeName.CHAR || literal instanceof SqlNumericLiteral) {
          redactor.register(literal.toValue());
        }
        replace(value, MASKED_LITERAL);
        return;
      }
      if (value instanceof SqlCall) {
        final SqlCall call = (SqlCall) value;
        final String function = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call instanceof SqlBasicCall && (function.equals("env") || function.equals("file"))) {
          return;
        }
        for (SqlNode operand : call.getOperandList()) {
          maskLiterals(operand);
        }
      } else if (value instanceof SqlNodeList) {
        for (SqlNode element : (SqlNodeList) value) {
          maskLiterals(element);
        }
      }
    }

    @Override public Void visit(SqlCall call) {
      if (call instanceof SqlExec) {
        for (SqlExecParameter parameter : ((SqlExec) call).namedParameters()) {
          if (isSecret(parameter.name())) {
            maskLiterals(parameter.value());
          }
        }
        for (SqlExecParameter payload : ((SqlExec) call).payloads()) {
          maskJson(payload.value());
        }
        return null;
      }
      if (call instanceof SqlSetOption) {
        final SqlSetOption option = (SqlSetOption) call;
        if (isSecret(lastName(option.getName()))) {
          maskLiterals(option.getValue());
        }
        return null;
      }
      if (call instanceof SqlInsert) {
        maskInsertValues((SqlInsert) call);
        return super.visit(call);
      }
      if (call instanceof SqlUpdate) {
        final SqlUpdate update = (SqlUpdate) call;
        for (int i = 0; i < update.getTargetColumnList().size(); i++) {
          if (isSecret(lastName(update.getTargetColumnList().get(i)))) {
            maskLiterals(update.getSourceExpressionList().get(i));
          }
        }
        return super.visit(call);
      }
      if (call instanceof SqlBasicCall && COMPARISONS.contains(call.getKind()) && call.operandCount() == 2) {
        final SqlNode left = call.operand(0);
        final SqlNode right = call.operand(1);
        if (left instanceof SqlIdentifier && isSecret(lastName(left))) {
          maskLiterals(right);
        }
        if (right instanceof SqlIdentifier && isSecret(lastName(right))) {
          maskLiterals(left);
        }
      }
      return super.visit(call);
    }

    /**
     * An INSERT's values for secret columns, row by row. Without a column list, or from a query
     * rather than VALUES, which value goes where is not known here: every literal is masked.
     */
    private void maskInsertValues(SqlInsert insert) {
      final SqlNodeList columns = insert.getTargetColumnList();
      final SqlNode source = insert.getSource();
      if (columns == null || source.getKind() != SqlKind.VALUES) {
        if (columns == null || columns.stream().anyMatch(column -> isSecret(lastName(column)))) {
          maskLiterals(source);
        }
        return;
      }
      for (SqlNode row : ((SqlCall) source).getOperandList()) {
        final List<SqlNode> values = row.getKind() == SqlKind.ROW
            ? ((SqlCall) row).getOperandList() : List.of(row);
        for (int i = 0; i < values.size() && i < columns.size(); i++) {
          if (isSecret(lastName(columns.get(i)))) {
            maskLiterals(values.get(i));
          }
        }
      }
    }

    private void maskJson(SqlNode value) {
      if (!(value instanceof SqlLiteral) && value.getKind() != SqlKind.LITERAL_CHAIN) {
        return;
      }
      final String text = SqlLiteral.unchain(value).getValueAs(String.class);
      try {
        final JsonNode tree = JSON.readTree(text);
        if (tree != null) {
          replace(value, "'" + maskJson(tree).toString().replace("'", "''") + "'");
          return;
        }
      } catch (IOException e) {
        // not JSON: masked whole below if it mentions a secret
      }
      if (Redactor.isSensitiveName(text) || secretNames.stream().anyMatch(
          name -> text.toLowerCase(Locale.ROOT).contains(name))) {
        replace(value, MASKED_LITERAL);
      }
    }

    /** A copy of a JSON body with the values under secret names masked (and made known), at any depth. */
    private JsonNode maskJson(JsonNode node) {
      if (node.isObject()) {
        final ObjectNode copy = ((ObjectNode) node).objectNode();
        node.fields().forEachRemaining(field -> {
          final JsonNode value = field.getValue();
          if (isSecret(field.getKey()) && !value.isNull()) {
            if (value.isValueNode()) {
              redactor.register(value.asText());
            } else {
              redactor.registerSensitiveValues(value);
            }
            copy.set(field.getKey(), TextNode.valueOf(Redactor.MASK));
          } else {
            copy.set(field.getKey(), maskJson(value));
          }
        });
        return copy;
      }
      if (node.isArray()) {
        final ArrayNode copy = ((ArrayNode) node).arrayNode();
        node.forEach(element -> copy.add(maskJson(element)));
        return copy;
      }
      return node;
    }

    private static @Nullable String lastName(SqlNode identifier) {
      if (!(identifier instanceof SqlIdentifier)) {
        return null;
      }
      final List<String> names = ((SqlIdentifier) identifier).names;
      return names.get(names.size() - 1);
    }
  }

  /**
   * Every quoted literal masked when the text names something sensitive, or a name the
   * document of a resource it names marks secret; the text as it is otherwise.
   */
  private String maskAllLiteralsIfSensitive(String sql) {
    if (!Redactor.isSensitiveName(sql.toLowerCase(Locale.ROOT)) && !mentionsMarkedName(sql)) {
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

  private boolean mentionsMarkedName(String sql) {
    final String lower = sql.toLowerCase(Locale.ROOT);
    final Matcher dotted = DOTTED_NAME.matcher(sql);
    while (dotted.find()) {
      for (String name : marked.in(List.of(dotted.group().split("\\.")))) {
        if (lower.contains(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
