package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.LocalDateTime;
import java.util.Locale;

/**
 * SQLite's date and time functions: {@code date}, {@code time}, {@code datetime},
 * {@code julianday}, {@code unixepoch} and {@code strftime}, each taking a time value and
 * modifiers (see {@link SqliteDateTime}).
 */
public final class DateFunctions {
  private DateFunctions() {
  }

  /** {@code date(time, modifier, ...)}: YYYY-MM-DD. */
  public static @Nullable Object date(Object[] args) {
    final SqliteDateTime t = SqliteDateTime.of("date", args, 0);
    return t == null ? null : t.date();
  }

  /** {@code time(time, modifier, ...)}: HH:MM:SS (HH:MM:SS.SSS with 'subsec'). */
  public static @Nullable Object time(Object[] args) {
    final SqliteDateTime t = SqliteDateTime.of("time", args, 0);
    return t == null ? null : t.time();
  }

  /** {@code datetime(time, modifier, ...)}: YYYY-MM-DD HH:MM:SS. */
  public static @Nullable Object datetime(Object[] args) {
    final SqliteDateTime t = SqliteDateTime.of("datetime", args, 0);
    return t == null ? null : t.date() + " " + t.time();
  }

  /** {@code julianday(time, modifier, ...)}: the Julian day number, a real. */
  public static @Nullable Object julianday(Object[] args) {
    final SqliteDateTime t = SqliteDateTime.of("julianday", args, 0);
    return t == null ? null : t.julianMillis() / 86400000.0;
  }

  /** {@code unixepoch(time, modifier, ...)}: seconds since 1970, an integer (a real with 'subsec'). */
  public static @Nullable Object unixepoch(Object[] args) {
    final SqliteDateTime t = SqliteDateTime.of("unixepoch", args, 0);
    if (t == null) {
      return null;
    }
    final long ms = t.julianMillis() - SqliteDateTime.UNIX_EPOCH_JD_MS;
    return t.subsecond() ? (Object) (ms / 1000.0) : (Object) Math.floorDiv(ms, 1000L);
  }

  /** {@code strftime(format, time, modifier, ...)}. */
  public static @Nullable Object strftime(Object[] args) {
    final String format = SqliteValues.text(args[0]);
    if (format == null) {
      return null;
    }
    final SqliteDateTime t = SqliteDateTime.of("strftime", args, 1);
    if (t == null) {
      return null;
    }
    return format(format, t);
  }

  private static String format(String format, SqliteDateTime t) {
    final LocalDateTime d = t.dateTime();
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      final char c = format.charAt(i);
      if (c != '%') {
        b.append(c);
        continue;
      }
      if (++i >= format.length()) {
        throw unknown(format, "%");
      }
      final char spec = format.charAt(i);
      final int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
      switch (spec) {
      case 'd': b.append(two(d.getDayOfMonth())); break;
      case 'e': b.append(String.format(Locale.ROOT, "%2d", d.getDayOfMonth())); break;
      case 'f': b.append(t.secondsWithFraction()); break;
      case 'F': b.append(t.date()); break;
      case 'H': b.append(two(d.getHour())); break;
      case 'k': b.append(String.format(Locale.ROOT, "%2d", d.getHour())); break;
      case 'I': b.append(two(hour12)); break;
      case 'l': b.append(String.format(Locale.ROOT, "%2d", hour12)); break;
      case 'j': b.append(String.format(Locale.ROOT, "%03d", d.getDayOfYear())); break;
      case 'J': b.append(SqlitePrintf.format("%.16g", new Object[] {null,
          t.julianMillis() / 86400000.0})); break;
      case 'm': b.append(two(d.getMonthValue())); break;
      case 'M': b.append(two(d.getMinute())); break;
      case 'p': b.append(d.getHour() >= 12 ? "PM" : "AM"); break;
      case 'P': b.append(d.getHour() >= 12 ? "pm" : "am"); break;
      case 'R': b.append(two(d.getHour())).append(':').append(two(d.getMinute())); break;
      case 's': {
        final long ms = t.julianMillis() - SqliteDateTime.UNIX_EPOCH_JD_MS;
        b.append(t.subsecond() ? String.format(Locale.ROOT, "%.3f", ms / 1000.0)
            : Long.toString(Math.floorDiv(ms, 1000L)));
        break;
      }
      case 'S': b.append(two(d.getSecond())); break;
      case 'T': b.append(two(d.getHour())).append(':').append(two(d.getMinute())).append(':')
          .append(two(d.getSecond())); break;
      case 'u': b.append(t.daysAfterMonday() + 1); break;
      case 'w': b.append(t.daysAfterSunday()); break;
      case 'U': b.append(two((int) ((d.getDayOfYear() - 1 - t.daysAfterSunday() + 7) / 7))); break;
      case 'W': b.append(two((int) ((d.getDayOfYear() - 1 - t.daysAfterMonday() + 7) / 7))); break;
      case 'V': b.append(two((isoThursday(d, t).getDayOfYear() - 1) / 7 + 1)); break;
      case 'G': b.append(String.format(Locale.ROOT, "%04d", isoThursday(d, t).getYear())); break;
      case 'g': b.append(two(isoThursday(d, t).getYear() % 100)); break;
      case 'Y': b.append(String.format(Locale.ROOT, "%04d", d.getYear())); break;
      case '%': b.append('%'); break;
      default: throw unknown(format, "%" + spec);
      }
    }
    return b.toString();
  }

  /** The Thursday of the ISO week of a date: its year is the ISO year. */
  private static LocalDateTime isoThursday(LocalDateTime d, SqliteDateTime t) {
    return d.plusDays(3 - t.daysAfterMonday());
  }

  private static RuntimeException unknown(String format, String spec) {
    return FunctionInputException.of("strftime", "unknown format '" + spec + "' in '" + format
        + "'; SQLite's formats are %d %e %f %F %H %I %j %J %k %l %m %M %p %P %R %s %S %T %u %U %V"
        + " %w %W %G %g %Y %%");
  }

  private static String two(int n) {
    return String.format(Locale.ROOT, "%02d", n);
  }
}
