package io.credql.shell;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a script, as the splitter found it: its position among the script's
 * statements, the line it starts on, and its text without the terminating {@code ;}.
 *
 * @param number position among the script's statements, from 1
 * @param line   line of the script the statement starts on, from 1
 * @param text   the statement, without leading and trailing comments and whitespace
 */
public record ScriptStatement(int number, int line, String text) {
  public ScriptStatement {
    requireNonNull(text, "text");
  }
}
