package io.credql.shell;

/**
 * A value as one line of a terminal: control characters (newlines, tabs) written as escapes, so
 * that a value cannot break the layout of the table and vertical formats.
 */
final class PrintableText {
  private PrintableText() {
  }

  static String of(String value) {
    StringBuilder escaped = null;
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (!Character.isISOControl(c)) {
        if (escaped != null) {
          escaped.append(c);
        }
        continue;
      }
      if (escaped == null) {
        escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      switch (c) {
      case '\n':
        escaped.append("\\n");
        break;
      case '\r':
        escaped.append("\\r");
        break;
      case '\t':
        escaped.append("\\t");
        break;
      default:
        escaped.append(String.format("\\u%04x", (int) c));
        break;
      }
    }
    return escaped == null ? value : escaped.toString();
  }

  /** Width on a terminal, counting code points rather than UTF-16 units. */
  static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
