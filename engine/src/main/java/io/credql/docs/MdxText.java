package io.credql.docs;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Document text as StackQL's reference pages carry it in table cells and tabs: on one line, with
 * newlines as {@code <br />}, braces as {@code &#123;}/{@code &#125;} (MDX would read them as
 * expressions) and pipes escaped (Markdown would read them as cell borders).
 */
final class MdxText {
  private MdxText() {
  }

  /** {@code text} ready for a table cell; null is empty. */
  static String of(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\r\n", "\n")
        .replace("|", "\\|")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("\n", "<br />");
  }
}
