package io.credql.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The output formats of {@code --output}: how scripts print result sets, and which of sqlline's
 * formats the interactive shell uses.
 */
public enum ResultFormat {
  TABLE(TableFormatter.INSTANCE, true),
  CSV(CsvFormatter.INSTANCE, false),
  TSV(TsvFormatter.INSTANCE, false),
  JSON(JsonFormatter.INSTANCE, false),
  VERTICAL(VerticalFormatter.INSTANCE, true),
  TEXT(TextFormatter.INSTANCE, false);

  private final ResultFormatter formatter;
  private final boolean forPeople;

  ResultFormat(ResultFormatter formatter, boolean forPeople) {
    this.formatter = formatter;
    this.forPeople = forPeople;
  }

  /** The format named on the command line, ignoring case. */
  public static ResultFormat of(String name) throws UsageException {
    requireNonNull(name, "name");
    for (ResultFormat format : values()) {
      if (format.optionName().equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new UsageException("--output must be one of " + names() + ", not '" + name + "'");
  }

  /** The names {@code --output} accepts, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(ResultFormat::optionName)
        .collect(Collectors.joining(", "));
  }

  /** The name on the command line, which is also the name of sqlline's matching format. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The sqlline format the interactive shell uses; sqlline has no text format, so text shows as csv. */
  public String sqllineFormat() {
    return this == TEXT ? CSV.optionName() : optionName();
  }

  public ResultFormatter formatter() {
    return formatter;
  }

  /**
   * Whether the format is read by people rather than programs; scripts then report the row count
   * (on standard error) as psql does.
   */
  public boolean forPeople() {
    return forPeople;
  }
}
