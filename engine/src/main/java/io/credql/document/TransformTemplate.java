package io.credql.document;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go-template response {@code transform} credql recognises and applies without running Go's
 * template language. Supported forms, matched on the template text with whitespace ignored:
 * <ul>
 *   <li>{@link Form#WRAP}: the body put under one key, written
 *       {@code {{- $wrapped := printf "{\"roles\":%s}" . -}}{{- $wrapped -}}} (Snowflake) or
 *       {@code {"value": {{ toJson . }}}};</li>
 *   <li>{@link Form#FLATTEN_PROPERTIES}: one object whose {@code properties} fields are lifted
 *       beside its own, with {@code "_flattened": true} (Azure's get methods);</li>
 *   <li>{@link Form#FLATTEN_PROPERTIES_LIST}: the same for each element of {@code value}, keeping
 *       {@code nextLink} (Azure's list methods).</li>
 * </ul>
 * Any other template is refused, naming its type, before a request is sent.
 */
public final class TransformTemplate {
  /** What a recognised template does. */
  public enum Form { WRAP, FLATTEN_PROPERTIES, FLATTEN_PROPERTIES_LIST }

  private static final Pattern PRINTF_WRAP = Pattern.compile(
      "^\\{\\{-?\\$(\\w+):=printf\"\\{\\\\\"([^\"\\\\]+)\\\\\":%s}\"\\.-?}}\\{\\{-?\\$\\1-?}}$");
  private static final Pattern TO_JSON_WRAP = Pattern.compile(
      "^\\{\"([^\"]+)\":\\{\\{-?toJson\\.-?}}}$");
  private static final String FLATTEN_ROW = "{{$p:=index$row\"properties\"}}{{ifeq(kindOf$p)\"map\"}}"
      + "{{range$k,$v:=$p}}{{printf\"%q\"$k}}:{{toJson$v}},{{end}}{{end}}{{range$k,$v:=$row}}"
      + "{{printf\"%q\"$k}}:{{toJson$v}},{{end}}\"_flattened\":true}";
  private static final String FLATTEN_ONE = "{{$row:=.}}{" + FLATTEN_ROW;
  private static final String FLATTEN_LIST = "{\"value\":[{{-range$i,$row:=index.\"value\"}}{{if$i}},"
      + "{{end}}{" + FLATTEN_ROW + "{{-end}}],\"nextLink\":{{toJson(index.\"nextLink\")}}}";

  private final Form form;
  private final @Nullable String key;

  private TransformTemplate(Form form, @Nullable String key) {
    this.form = form;
    this.key = key;
  }

  /** The recognised form of {@code body}, or null if credql cannot apply it. */
  public static @Nullable TransformTemplate recognise(@Nullable String body) {
    if (body == null) {
      return null;
    }
    final String compact = body.replaceAll("\\s+", "");
    final Matcher printf = PRINTF_WRAP.matcher(compact);
    if (printf.matches()) {
      return new TransformTemplate(Form.WRAP, printf.group(2));
    }
    final Matcher toJson = TO_JSON_WRAP.matcher(compact);
    if (toJson.matches()) {
      return new TransformTemplate(Form.WRAP, toJson.group(1));
    }
    if (compact.equals(FLATTEN_ONE)) {
      return new TransformTemplate(Form.FLATTEN_PROPERTIES, null);
    }
    if (compact.equals(FLATTEN_LIST)) {
      return new TransformTemplate(Form.FLATTEN_PROPERTIES_LIST, null);
    }
    return null;
  }

  public Form form() {
    return form;
  }

  /** The key the body is wrapped under ({@link Form#WRAP}), or null. */
  public @Nullable String key() {
    return key;
  }
}
