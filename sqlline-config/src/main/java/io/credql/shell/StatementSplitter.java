package io.credql.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at each {@code ;} that is outside a string, a quoted
 * identifier and a comment. A small lexer rather than a regular expression, because a {@code ;}
 * or {@code --} inside {@code '...'} is data, and {@code ''} inside a string is a quote.
 *
 * <p>A statement's text runs from its first to its last significant character, so a comment
 * before it does not shift its line number, while comments inside it are kept (a hint such as
 * {@code EXEC /*+ AWAIT *&#47; ...} must reach the parser). A fragment holding only comments and
 * whitespace is no statement. The last statement needs no {@code ;}.
 */
public final class StatementSplitter {
  private StatementSplitter() {
  }

  /** The script's statements, in order. */
  public static List<ScriptStatement> split(String script) {
    final List<ScriptStatement> statements = new ArrayList<>();
    int line = 1;
    int start = -1;         // index of the current statement's first significant character
    int startLine = 0;
    int end = -1;           // index after its last significant character so far
    int i = 0;
    final int n = script.length();
    while (i < n) {
      final char c = script.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        i += 2;
        while (i < n && !(script.charAt(i) == '*' && i + 1 < n && script.charAt(i + 1) == '/')) {
          if (script.charAt(i) == '\n') {
            line++;
          }
          i++;
        }
        i = Math.min(n, i + 2);
      } else if (c == ';') {
        if (start >= 0) {
          statements.add(new ScriptStatement(statements.size() + 1, startLine,
              script.substring(start, end)));
          start = -1;
        }
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        if (start < 0) {
          start = i;
          startLine = line;
        }
        if (c == '\'' || c == '"') {
          // a doubled quote character inside is an escaped quote; reading on handles it
          i++;
          while (i < n && script.charAt(i) != c) {
            if (script.charAt(i) == '\n') {
              line++;
            }
            i++;
          }
          i = Math.min(n, i + 1);
        } else {
          i++;
        }
        end = i;
      }
    }
    if (start >= 0) {
      statements.add(new ScriptStatement(statements.size() + 1, startLine,
          script.substring(start, end)));
    }
    return statements;
  }
}
