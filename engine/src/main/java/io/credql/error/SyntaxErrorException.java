package io.credql.error;

import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement does not parse; the message gives the line and column and what was expected there. */
public class SyntaxErrorException extends CredqlException {
  private static final int MAX_EXPECTED = 12;
  /** A lexical error's {@code after : "<text read so far>"}. */
  private static final Pattern LEXICAL_CONTEXT = Pattern.compile(",? after ?: \".*$");
  /** {@code Encountered "<tokens>" at}: the tokens the parser stopped at. */
  private static final Pattern ENCOUNTERED = Pattern.compile("Encountered (\".*?\")(?= at line|\\.|$)");
  /** A token kind or image that carries a literal's text. */
  private static final Pattern LITERAL_TOKEN = Pattern.compile("STRING|LITERAL|NUMERIC|'");

  private final int line;
  private final int column;

  public SyntaxErrorException(String message, int line, int column) {
    super(message, "42000");
    this.line = line;
    this.column = column;
  }

  /** Whether {@code e}, or one of its causes, is a stack that ran out. */
  public static boolean isTooDeep(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StackOverflowError) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Calcite's parse error, with the list of expected tokens cut to its first few entries. */
  public static SyntaxErrorException of(SqlParseException e) {
    final SqlParserPos pos = e.getPos();
    String found = e.getMessage() == null ? "" : e.getMessage();
    final int expecting = found.indexOf("Was expecting");
    if (expecting >= 0) {
      found = found.substring(0, expecting);
    }
    found = withoutLiterals(found.replaceAll("\\s+", " ").trim());
    final StringBuilder message = new StringBuilder("syntax error");
    if (pos != null && pos.getLineNum() > 0) {
      message.append(" at line ").append(pos.getLineNum()).append(", column ").append(pos.getColumnNum());
    }
    if (found.isEmpty() && isTooDeep(e)) {
      // the parser's stack ran out: it has nothing to say about where
      return new SyntaxErrorException("the statement nests too deeply (parentheses or sub-expressions"
          + " inside each other); write it with fewer levels", 0, 0);
    }
    message.append(": ").append(found.isEmpty() ? "the statement cannot be read here" : found);
    final Collection<String> tokens = e.getExpectedTokenNames();
    if (tokens != null && !tokens.isEmpty()) {
      final List<String> shown = new ArrayList<>();
      for (String token : tokens) {
        if (shown.size() == MAX_EXPECTED) {
          break;
        }
        if (!token.startsWith("<")) {
          shown.add(token);
        }
      }
      if (!shown.isEmpty()) {
        message.append(message.charAt(message.length() - 1) == '.' ? " " : ". ")
            .append("Expected one of: ").append(String.join(", ", shown))
            .append(tokens.size() > shown.size() ? ", ..." : "");
      }
    }
    return new SyntaxErrorException(message.toString(),
        pos == null ? 0 : pos.getLineNum(), pos == null ? 0 : pos.getColumnNum());
  }

  /**
   * The parser's message without the text of any literal it quotes: the token it stopped at may be
   * a password ({@code @password 'x'} without its {@code =}), and a lexical error quotes what it
   * read so far ({@code after : "'x"}). The position still says where the problem is.
   */
  static String withoutLiterals(String message) {
    String result = LEXICAL_CONTEXT.matcher(message).replaceAll("");
    final Matcher encountered = ENCOUNTERED.matcher(result);
    if (encountered.find() && LITERAL_TOKEN.matcher(encountered.group(1)).find()) {
      result = result.substring(0, encountered.start()) + "Encountered a literal"
          + result.substring(encountered.end(1));
    }
    return result;
  }

  /** 1-based line of the error, 0 if unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the error, 0 if unknown. */
  public int column() {
    return column;
  }
}
