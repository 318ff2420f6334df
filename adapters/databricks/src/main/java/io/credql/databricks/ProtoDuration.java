package io.credql.databricks;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code google.protobuf.Duration} as JSON writes it, seconds with an {@code s} suffix
 * ({@code "900s"}, {@code "1.5s"}): the form of Lakebase's {@code ttl}.
 */
final class ProtoDuration {
  private static final Pattern TEXT = Pattern.compile("(-?[0-9]{1,12})(\\.[0-9]{1,9})?s");

  private ProtoDuration() {
  }

  /** The duration {@code text} writes, or null if it is not one. */
  static @Nullable Duration parse(String text) {
    final Matcher matcher = TEXT.matcher(text);
    if (!matcher.matches()) {
      return null;
    }
    final BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
    return Duration.ofSeconds(seconds.longValue(),
        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
  }

  /** Whether {@code duration} is a credential lifetime Lakebase accepts: 5 minutes to 1 hour. */
  static boolean isCredentialLifetime(Duration duration) {
    return duration.compareTo(Duration.ofMinutes(5)) >= 0 && duration.compareTo(Duration.ofHours(1)) <= 0;
  }
}
