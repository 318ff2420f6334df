package io.credql.jdbc;

import io.credql.error.CredqlException;
import io.credql.redact.Redactor;
import org.apache.calcite.plan.RelOptPlanner;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a JDBC call threw into the error a user should see: credql's own error as it is;
 * Calcite's errors without the SQL text it prefixes them with (the text may hold a secret), with
 * the root cause's message; every message passed through the connection's redactor.
 */
final class JdbcErrors {
  private static final Pattern SQL_PREFIX =
      Pattern.compile("(?s)^Error while (executing SQL|preparing statement) \\\\?[\"\\[].*?[\"\\]]: ?");

  private static final Pattern NOT_A_NUMBER = Pattern.compile("For input string: \"(.*)\"(?: under radix \\d+)?");

  private static final Pattern INVALID_CAST = Pattern.compile("Invalid character for cast: (.*)");

  /** A cast between a number and a text, as Calcite makes comparing values of no one SQL type. */
  private static final Pattern MIXED_VALUES = Pattern.compile(
      "class java\\.(lang\\.(String|Long|Integer|Double)|math\\.BigDecimal) cannot be cast to class"
      + " (java\\.(lang\\.(String|Long|Integer|Double|Comparable)|math\\.BigDecimal)|org\\.apache\\.calcite\\.util\\.NlsString)");

  private JdbcErrors() {
  }

  static SQLException translate(Throwable thrown, Redactor redactor) {
    final CredqlException credql = CredqlException.find(thrown);
    if (credql != null) {
      final String redacted = credql.getMessage() == null ? null : redactor.redact(credql.getMessage());
      if (redacted == null || redacted.equals(credql.getMessage())) {
        return credql;
      }
      // a check that quoted a value it did not know to be secret (env('KEY') as a number, say):
      // the same error without the value, and without the original as its cause
      return new SQLException(redacted, credql.getSQLState(), credql.getErrorCode());
    }
    Throwable cause = thrown;
    String sqlState = null;
    int code = 0;
    if (thrown instanceof SQLException) {
      sqlState = ((SQLException) thrown).getSQLState();
      code = ((SQLException) thrown).getErrorCode();
    }
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof StackOverflowError) {
      return new SQLException("the statement is too long or nests too deeply for credql to plan"
          + " (thousands of OR terms, say): write a long OR as IN (...), or split the statement", "54001");
    }
    if (String.valueOf(cause.getMessage()).startsWith("Code grows beyond 64 KB")) {
      return new SQLException("the statement's expressions are too large to compile (an IN list or"
          + " OR of thousands of values): split it into several statements", "54001");
    }
    if (cause instanceof RelOptPlanner.CannotPlanException) {
      // Calcite's own text ("There are not enough rules to produce a node ...") and its plan dump
      // say nothing a user can act on
      return new SQLException("credql found no way to run this statement: a join, subquery or"
          + " function call in it reads resources in a form credql cannot plan; join resources on"
          + " equalities of their parameters (ON detail.id = listing.id), or split the statement", "0A000");
    }
    final Matcher notANumber = NOT_A_NUMBER.matcher(String.valueOf(cause.getMessage()));
    if (cause instanceof NumberFormatException && notANumber.matches()) {
      // Calcite casts a text literal compared with a numeric column when the row is read
      return new SQLException(redactor.redact("'" + notANumber.group(1) + "' is not a number, but it is compared"
          + " with a numeric column: write a number, or CAST the column to VARCHAR"), "22018");
    }
    final Matcher invalidCast = INVALID_CAST.matcher(String.valueOf(cause.getMessage()));
    if (invalidCast.matches()) {
      // Calcite's cast of a text literal compared with a BOOLEAN (or date/time) column
      return new SQLException(redactor.redact("'" + invalidCast.group(1) + "' cannot be converted to the type of the"
          + " column it is compared with: compare a BOOLEAN column with TRUE or FALSE, or CAST the column to VARCHAR"),
          "22018");
    }
    if (cause instanceof ClassCastException && MIXED_VALUES.matcher(String.valueOf(cause.getMessage())).find()
        || String.valueOf(cause.getMessage()).startsWith("Invalid types for comparison")) {
      // Calcite compares and sorts values of no one SQL type (json_extract's) by their Java class
      return new SQLException("values of different kinds (numbers and text, as json_extract can give) are"
          + " compared or sorted together: CAST the expression to a number or to VARCHAR, as in"
          + " CAST(json_extract(x, '$.a') AS VARCHAR)", "22018");
    }
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      message = thrown.getMessage() == null ? cause.getClass().getSimpleName() : thrown.getMessage();
    }
    message = SQL_PREFIX.matcher(message).replaceFirst("");
    final SQLException translated = new SQLException(redactor.redact(message),
        sqlState == null ? "HY000" : sqlState, code);
    translated.setStackTrace(thrown.getStackTrace());
    return translated;
  }
}
