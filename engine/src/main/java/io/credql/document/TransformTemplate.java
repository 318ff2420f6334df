package io.credql.document;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go-template response {@code transform} credql recognises and applies without running Go's
 * template language. Supported forms, matched on the template text with whitespace ignored:
 * <ul>
 *   <li>{@link Form#WRAP}: the body, or one field of it, put under one key, alone or as the one
 *       element of a list, written
 *       {@code {{- $wrapped := printf "{\"roles\":%s}" . -}}{{- $wrapped -}}} (Snowflake),
 *       {@code {"value": {{ toJson . }}}} or {@code [{"contents": {{ toJson .result }}}]}
 *       (Cloudflare);</li>
 *   <li>{@link Form#EACH}: each element of one field of the body put under one key, written
 *       {@code [{{ range $i, $v := .result }}{{ if $i }},{{ end }}{"author": {{ toJson $v }}}{{ end }}]}
 *       (Cloudflare);</li>
 *   <li>{@link Form#FLATTEN_PROPERTIES}: one object whose {@code properties} fields are lifted
 *       beside its own, with {@code "_flattened": true} (Azure's get methods);</li>
 *   <li>{@link Form#FLATTEN_PROPERTIES_LIST}: the same for each element of {@code value}, keeping
 *       {@code nextLink} (Azure's list methods).</li>
 * </ul>
 * Any other template is refused, naming its type, before a request is sent.
 */
public final class TransformTemplate {
  /** What a recognised template does. */
  public enum Form { WRAP, EACH, FLATTEN_PROPERTIES, FLATTEN_PROPERTIES_LIST }

  private static final Pattern PRINTF_WRAP = Pattern.compile(
      "^\\{\\{-?\\$(\\w+):=printf\"\\{\\\\\"([^\"\\\\]+)\\\\\":%s}\"\\.-?}}\\{\\{-?\\$\\1-?}}$");
  private static final Pattern TO_JSON_WRAP = Pattern.compile(
      "^(\\[?)\\{\"([^\"]+)\":\\{\\{-?toJson\\.(\\w*)-?}}}(]?)$");
  private static final Pattern RANGE_EACH = Pattern.compile("^\\[\\{\\{-?range\\$(\\w+),\\$(\\w+):=\\.(\\w+)-?}}"
      + "\\{\\{-?if\\$\\1-?}},\\{\\{-?end-?}}\\{\"([^\"]+)\":\\{\\{-?toJson\\$\\2-?}}}\\{\\{-?end-?}}]$");
  private static final String FLATTEN_ROW = "{{$p:=index$row\"properties\"}}{{ifeq(kindOf$p)\"map\"}}"
      + "{{range$k,$v:=$p}}{{printf\"%q\"$k}}:{{toJson$v}},{{end}}{{end}}{{range$k,$v:=$row}}"
      + "{{printf\"%q\"$k}}:{{toJson$v}},{{end}}\"_flattened\":true}";
  private static final String FLATTEN_ONE = "{{$row:=.}}{" + FLATTEN_ROW;
  private static final String FLATTEN_LIST = "{\"value\":[{{-range$i,$row:=index.\"value\"}}{{if$i}},"
      + "{{end}}{" + FLATTEN_ROW + "{{-end}}],\"nextLink\":{{toJson(index.\"nextLink\")}}}";

  private final Form form;
  private final @Nullable String key;
  private final @Nullable String source;
  private final boolean list;

  private TransformTemplate(Form form, @Nullable String key) {
    this(form, key, null, false);
  }

  private TransformTemplate(Form form, @Nullable String key, @Nullable String source, boolean list) {
    this.form = form;
    this.key = key;
    this.source = source;
    this.list = list;
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
    if (toJson.matches() && toJson.group(1).isEmpty() == toJson.group(4).isEmpty()) {
      return new TransformTemplate(Form.WRAP, toJson.group(2),
          toJson.group(3).isEmpty() ? null : toJson.group(3), !toJson.group(1).isEmpty());
    }
    final Matcher each = RANGE_EACH.matcher(compact);
    if (each.matches()) {
      return new TransformTemplate(Form.EACH, each.group(4), each.group(3), true);
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

  /** The key the body is wrapped under ({@link Form#WRAP}, {@link Form#EACH}), or null. */
  public @Nullable String key() {
    return key;
  }

  /** The field of the body that is wrapped ({@code .result}), or null for the whole body. */
  public @Nullable String source() {
    return source;
  }

  /** Whether the wrapped object is the one element of a list ({@code [{...}]}). */
  public boolean isList() {
    return list;
  }
}
