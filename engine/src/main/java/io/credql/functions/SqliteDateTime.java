package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A moment as SQLite's date functions compute it: milliseconds of Julian day (as SQLite's
 * {@code iJD}), read from a time value (ISO-8601 text, 'now', or a number), changed by SQLite's
 * modifiers, and written back as text. A time value SQLite cannot read gives NULL, as in SQLite;
 * a modifier SQLite does not know is the user's error and is reported (SQLite silently returns
 * NULL, which hides typos such as {@code '-1 dya'}).
 */
final class SqliteDateTime {
  /** Julian day milliseconds of 1970-01-01 00:00:00 UTC. */
  static final long UNIX_EPOCH_JD_MS = 210866760000000L;
  private static final long DAY_MS = 86400000L;
  private static final long MAX_JD_MS = 464269060799999L;
  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})(?:(?:\\s+|T)(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d*)?)?)?\\s*(Z|[+-]\\d{2}:\\d{2})?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME = Pattern.compile(
      "(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d*)?)?\\s*(Z|[+-]\\d{2}:\\d{2})?", Pattern.CASE_INSENSITIVE);
  private static final Pattern AMOUNT = Pattern.compile(
      "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*(second|minute|hour|day|month|year)s?");
  private static final Pattern SHIFT = Pattern.compile(
      "([+-])(?:(\\d{4})-(\\d{2})-(\\d{2})\\s*)?(?:(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d*)?)?)?");
  private static final String MODIFIERS = "'NNN days|hours|minutes|seconds|months|years', "
      + "'±HH:MM', 'start of day|month|year', 'weekday N', 'unixepoch', 'julianday', 'auto', "
      + "'localtime', 'utc', 'subsec', 'ceiling', 'floor'";

  private long jd;
  private boolean subsecond;
  private boolean local;
  private boolean utc;

  private SqliteDateTime(long jd) {
    this.jd = jd;
  }

  /**
   * Reads {@code args[first]} as a time value ('now' when there is none) and applies the
   * modifiers that follow it; null when SQLite would return NULL.
   */
  static @Nullable SqliteDateTime of(String function, Object[] args, int first) {
    final Object value = args.length > first ? args[first] : "now";
    if (value == null) {
      return null;
    }
    Double number = null;
    final SqliteDateTime moment;
    if (value instanceof Number) {
      number = ((Number) value).doubleValue();
      moment = fromJulianDay(number);
    } else {
      final String text = requireNonNull(SqliteValues.text(value), "text").trim();
      if (SqliteValues.isNumericText(text)) {
        number = Double.parseDouble(text);
        moment = fromJulianDay(number);
      } else {
        moment = parse(text);
      }
    }
    boolean valid = moment != null;
    final SqliteDateTime result = moment == null ? new SqliteDateTime(0) : moment;
    for (int i = first + 1; i < args.length; i++) {
      final String given = SqliteValues.text(args[i]);
      if (given == null) {
        return null;
      }
      // not trimmed: SQLite refuses '  +2 hours  '
      final String modifier = given.toLowerCase(Locale.ROOT);
      final boolean firstModifier = i == first + 1;
      switch (modifier) {
      case "unixepoch":
        result.jd = Math.round(requireNumber(function, modifier, number, firstModifier) * 1000)
            + UNIX_EPOCH_JD_MS;
        valid = true;
        break;
      case "julianday":
        requireNumber(function, modifier, number, firstModifier);
        break;
      case "auto": {
        final double seconds = requireNumber(function, modifier, number, firstModifier);
        if (seconds < 0 || seconds > 5373484.499999) {
          result.jd = Math.round(seconds * 1000) + UNIX_EPOCH_JD_MS;
          valid = seconds >= -210866760000.0 && seconds <= 253402300799.0;
        }
        break;
      }
      default:
        if (valid) {
          result.apply(function, modifier, args[i]);
        } else {
          result.check(function, modifier, args[i]);
        }
      }
    }
    return valid && result.jd >= 0 && result.jd <= MAX_JD_MS ? result : null;
  }

  /** The numeric time value a modifier such as 'unixepoch' reads; an error when there is none. */
  private static double requireNumber(String function, String modifier, @Nullable Double number,
      boolean firstModifier) {
    if (!firstModifier || number == null) {
      throw FunctionInputException.of(function, "modifier '" + modifier
          + "' must come right after a numeric time value, as in " + function + "(1700000000, '"
          + modifier + "')");
    }
    return number;
  }

  private static @Nullable SqliteDateTime fromJulianDay(double day) {
    if (day < 0 || day > 5373484.499999) {
      return null;
    }
    return new SqliteDateTime((long) (day * DAY_MS + 0.5));
  }

  private static @Nullable SqliteDateTime parse(String text) {
    if (text.equalsIgnoreCase("now")) {
      return new SqliteDateTime(System.currentTimeMillis() + UNIX_EPOCH_JD_MS);
    }
    Matcher m = DATE_TIME.matcher(text);
    if (m.matches()) {
      final int month = Integer.parseInt(m.group(2));
      final int day = Integer.parseInt(m.group(3));
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        return null;
      }
      final long dayStart = dayStart(Integer.parseInt(m.group(1)), month, day);
      final Long time = m.group(4) == null ? Long.valueOf(0)
          : timeOfDay(m.group(4), m.group(5), m.group(6), m.group(7));
      if (time == null) {
        return null;
      }
      return new SqliteDateTime(dayStart + time - zoneOffset(m.group(8)));
    }
    m = TIME.matcher(text);
    if (m.matches()) {
      final Long time = timeOfDay(m.group(1), m.group(2), m.group(3), m.group(4));
      return time == null ? null
          : new SqliteDateTime(dayStart(2000, 1, 1) + time - zoneOffset(m.group(5)));
    }
    return null;
  }

  private static @Nullable Long timeOfDay(String hours, String minutes, @Nullable String seconds,
      @Nullable String fraction) {
    final int h = Integer.parseInt(hours);
    final int m = Integer.parseInt(minutes);
    final int s = seconds == null ? 0 : Integer.parseInt(seconds);
    if (h > 24 || m > 59 || s > 59) {
      return null;
    }
    final double f = fraction == null || fraction.length() < 2 ? 0 : Double.parseDouble("0" + fraction);
    return h * 3600000L + m * 60000L + (long) ((s + f) * 1000 + 0.5);
  }

  private static long zoneOffset(@Nullable String zone) {
    if (zone == null || zone.equalsIgnoreCase("z")) {
      return 0;
    }
    final int sign = zone.charAt(0) == '-' ? -1 : 1;
    return sign * (Integer.parseInt(zone.substring(1, 3)) * 3600000L
        + Integer.parseInt(zone.substring(4, 6)) * 60000L);
  }

  /** Julian day milliseconds of midnight of a date; an overflowing day rolls into the next month. */
  private static long dayStart(int year, int month, int day) {
    final LocalDate date = LocalDate.of(year, 1, 1).plusMonths(month - 1L).plusDays(day - 1L);
    return date.toEpochDay() * DAY_MS + UNIX_EPOCH_JD_MS;
  }

  /** A modifier after a time value SQLite cannot read: still checked, so that a typo is reported. */
  private void check(String function, String modifier, Object original) {
    final long saved = jd;
    jd = dayStart(2000, 1, 1);
    apply(function, modifier, original);
    jd = saved;
  }

  private void apply(String function, String modifier, Object original) {
    switch (modifier) {
    // SQLite rebuilds the moment when it changes zone, which forgets an earlier 'subsec'
    case "localtime":
      if (!local) {
        jd += ZoneId.systemDefault().getRules()
            .getOffset(Instant.ofEpochMilli(jd - UNIX_EPOCH_JD_MS)).getTotalSeconds() * 1000L;
        subsecond = false;
        local = true;
        utc = false;
      }
      return;
    case "utc":
      if (!utc) {
        jd -= ZoneId.systemDefault().getRules().getOffset(dateTime()).getTotalSeconds() * 1000L;
        subsecond = false;
        utc = true;
        local = false;
      }
      return;
    case "subsec":
    case "subsecond":
      subsecond = true;
      return;
    case "ceiling":
    case "floor":
      return;
    case "start of day":
      jd = Math.floorDiv(jd + DAY_MS / 2, DAY_MS) * DAY_MS - DAY_MS / 2;
      return;
    case "start of month": {
      final LocalDateTime t = dateTime();
      jd = dayStart(t.getYear(), t.getMonthValue(), 1);
      return;
    }
    case "start of year":
      jd = dayStart(dateTime().getYear(), 1, 1);
      return;
    default:
      break;
    }
    if (modifier.startsWith("weekday ")) {
      final String n = modifier.substring("weekday ".length()).trim();
      if (!n.matches("[0-6](\\.0*)?")) {
        throw invalid(function, original);
      }
      final long target = (long) Double.parseDouble(n);
      long z = Math.floorMod(Math.floorDiv(jd + 129600000L, DAY_MS), 7);
      if (z > target) {
        z -= 7;
      }
      jd += (target - z) * DAY_MS;
      return;
    }
    Matcher m = AMOUNT.matcher(modifier);
    if (m.matches()) {
      add(Double.parseDouble(m.group(1)), m.group(2));
      return;
    }
    m = SHIFT.matcher(modifier);
    if (m.matches() && (m.group(2) != null || m.group(5) != null)) {
      final int sign = m.group(1).equals("-") ? -1 : 1;
      if (m.group(2) != null) {
        addMonths(sign * (Integer.parseInt(m.group(2)) * 12L + Integer.parseInt(m.group(3))));
        jd += sign * Integer.parseInt(m.group(4)) * DAY_MS;
      }
      if (m.group(5) != null) {
        final Long time = timeOfDay(m.group(5), m.group(6), m.group(7), m.group(8));
        if (time == null) {
          throw invalid(function, original);
        }
        jd += sign * time;
      }
      return;
    }
    throw invalid(function, original);
  }

  private static RuntimeException invalid(String function, Object modifier) {
    return FunctionInputException.of(function, "invalid date modifier '"
        + SqliteValues.text(modifier) + "'; SQLite's modifiers are " + MODIFIERS);
  }

  private void add(double amount, String unit) {
    final double rounder = amount < 0 ? -0.5 : 0.5;
    switch (unit) {
    case "second":
      jd += (long) (amount * 1000 + rounder);
      return;
    case "minute":
      jd += (long) (amount * 60000 + rounder);
      return;
    case "hour":
      jd += (long) (amount * 3600000 + rounder);
      return;
    case "day":
      jd += (long) (amount * DAY_MS + rounder);
      return;
    case "month":
      addMonths((long) amount);
      jd += (long) ((amount - (long) amount) * 30 * DAY_MS + rounder);
      return;
    default:
      addMonths((long) amount * 12);
      jd += (long) ((amount - (long) amount) * 365 * DAY_MS + rounder);
    }
  }

  /** Adds months to the calendar date, keeping the day number (the 31st of a short month rolls over). */
  private void addMonths(long months) {
    final LocalDateTime t = dateTime();
    final long total = t.getYear() * 12L + (t.getMonthValue() - 1) + months;
    final int year = (int) Math.floorDiv(total, 12);
    final int month = (int) Math.floorMod(total, 12) + 1;
    if (year < 0 || year > 9999) {
      jd = -1;
      return;
    }
    jd = dayStart(year, month, t.getDayOfMonth()) + millisOfDay();
  }

  private long millisOfDay() {
    return Math.floorMod(jd + DAY_MS / 2, DAY_MS);
  }

  LocalDateTime dateTime() {
    final long epochMs = jd - UNIX_EPOCH_JD_MS;
    return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000),
        (int) Math.floorMod(epochMs, 1000) * 1_000_000, ZoneOffset.UTC);
  }

  long julianMillis() {
    return jd;
  }

  boolean subsecond() {
    return subsecond;
  }

  /** Seconds of the minute with milliseconds, as SQLite's {@code %f}: SS.SSS. */
  String secondsWithFraction() {
    final long ms = Math.floorMod(millisOfDay(), 60000);
    return String.format(Locale.ROOT, "%02d.%03d", ms / 1000, ms % 1000);
  }

  String date() {
    final LocalDateTime t = dateTime();
    return String.format(Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth());
  }

  String time() {
    final LocalDateTime t = dateTime();
    return String.format(Locale.ROOT, "%02d:%02d:", t.getHour(), t.getMinute())
        + (subsecond ? secondsWithFraction() : String.format(Locale.ROOT, "%02d", t.getSecond()));
  }

  /** Days since Monday (0 on a Monday), as SQLite computes them. */
  long daysAfterMonday() {
    return Math.floorMod(Math.floorDiv(jd + DAY_MS / 2, DAY_MS), 7);
  }

  /** Days since Sunday (0 on a Sunday). */
  long daysAfterSunday() {
    return Math.floorMod(Math.floorDiv(jd + 129600000L, DAY_MS), 7);
  }
}
