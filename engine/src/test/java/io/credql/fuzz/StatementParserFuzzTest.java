package io.credql.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credql.error.SyntaxErrorException;
import io.credql.redact.Redactor;
import io.credql.redact.StatementMasker;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the statement parser and the history's statement masker: any text either parses or
 * fails with a syntax error whose message says where; masking never fails and never keeps a
 * secret written after a sensitive parameter name. The regression inputs (plain text, one
 * statement per file) run with every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class StatementParserFuzzTest {
  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(CredqlSqlParserImpl.FACTORY).withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);

  @FuzzTest(maxDuration = "60s")
  void anyTextParsesOrIsASyntaxError(byte[] input) {
    final String sql = new String(input, StandardCharsets.UTF_8);
    try {
      SqlParser.create(sql, CONFIG).parseStmtList();
    } catch (SqlParseException e) {
      final SyntaxErrorException error = SyntaxErrorException.of(e);
      if (error.getMessage() == null || !error.getMessage().startsWith("syntax error")) {
        throw new AssertionError("unhelpful message: " + error.getMessage());
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void maskingAStatementNeverFailsNorKeepsAPasswordLiteral(byte[] input) {
    final String sql = new String(input, StandardCharsets.UTF_8);
    final String secret = "Fuzz-Secret-7";
    final String withSecret = "EXEC a.b.c.d @password = '" + secret + "', @note = '" + sql.replace("'", "''") + "'";
    final String masked = new StatementMasker(new Redactor()).mask(withSecret);
    // the fuzzer may write the secret's text into the note, where it is no secret and stays
    if (occurrences(masked, secret) > occurrences(sql, secret)) {
      throw new AssertionError("kept the secret: " + masked);
    }
    new StatementMasker(new Redactor()).mask(sql);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
