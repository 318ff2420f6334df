package io.credql.statement;

import io.credql.call.CallBinder;
import io.credql.document.ParameterDefinition;
import io.credql.error.InvalidInputException;
import io.credql.config.Environment;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * A secret a statement names instead of spelling out, so that it appears in no script, history or
 * log: {@code env('NEW_DB_PASSWORD')} (an environment variable) or {@code file('/run/secrets/pw')}
 * (a file's content, without its final line break). Read when the statement runs.
 *
 * <p>A secret source fills only a parameter meant for a secret: one the document marks secret
 * ({@code format: password}, {@code writeOnly}, {@code x-credql-secret}) or one named like a
 * secret (see {@link CallBinder#isForSecret}). Elsewhere it would carry the secret into a URL
 * path, a query or a plain body field, where servers log it; the EXEC hint
 * {@code /*+ ALLOW_SECRET_SOURCES *}{@code /} allows it when that is what the user means.
 */
final class SecretSource extends ValueSource {
  /** The hint (of EXEC, INSERT, UPDATE, REPLACE and DELETE) that lets env() and file() fill any parameter. */
  static final String ALLOW_HINT = "ALLOW_SECRET_SOURCES";
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private final String function;
  private final String argument;
  private final String what;
  private final Environment environment;

  private SecretSource(String function, String argument, String what, Environment environment) {
    this.function = function;
    this.argument = argument;
    this.what = what;
    this.environment = environment;
  }

  /** The secret {@code node} names, or null if it is not {@code env(...)} or {@code file(...)}. */
  static @Nullable SecretSource of(SqlNode node, String what, Environment environment)
      throws InvalidInputException {
    if (!(node instanceof SqlBasicCall)) {
      return null;
    }
    final SqlBasicCall call = (SqlBasicCall) node;
    final String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    if (!name.equals("env") && !name.equals("file")) {
      return null;
    }
    if (call.operandCount() != 1 || !(call.operand(0) instanceof SqlLiteral)
        || SqlLiteral.unchain(call.operand(0)).getValueAs(String.class) == null) {
      throw new InvalidInputException(what + ": " + name + "(...) takes one quoted "
          + (name.equals("env") ? "variable name, e.g. env('NEW_DB_PASSWORD')" : "path, e.g. file('/run/secrets/pw')"));
    }
    return new SecretSource(name, SqlLiteral.unchain(call.operand(0)).getValueAs(String.class), what,
        environment);
  }

  /**
   * The problem of {@code value} given for {@code input} in a statement whose verb is {@code verb},
   * or null: a secret source fits only an input meant for a secret, unless the statement carries
   * the hint. EXEC and the mutations check their values here, the same way.
   */
  static @Nullable String problem(String what, ValueSource value, ParameterDefinition input, String verb,
      List<String> hints) {
    if (!value.isSecret() || hints.contains(ALLOW_HINT) || CallBinder.isForSecret(input)) {
      return null;
    }
    return what + ": env() and file() fill only parameters meant for secrets, and " + input.name()
        + " goes into the request's " + input.location().name().toLowerCase(Locale.ROOT)
        + " unmarked; give its value directly, or add /*+ " + ALLOW_HINT + " */ after " + verb
        + " if the secret belongs there; nothing was sent";
  }

  @Override boolean isSecret() {
    return true;
  }

  @Override Object value(DataContext dataContext) {
    try {
      return read();
    } catch (InvalidInputException e) {
      throw e.unchecked();
    }
  }

  private String read() throws InvalidInputException {
    if (function.equals("env")) {
      final String value = environment.get(argument);
      if (value == null) {
        throw new InvalidInputException(what + ": environment variable " + argument
            + " is not set (env('" + argument + "')); nothing was sent");
      }
      return value;
    }
    final Path path = Paths.get(argument);
    try {
      if (!Files.isRegularFile(path) || Files.size(path) > MAX_FILE_BYTES) {
        throw new InvalidInputException(what + ": file('" + argument + "') is not a readable file of at most "
            + MAX_FILE_BYTES + " bytes; nothing was sent");
      }
      String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
      }
      return text;
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot read file('" + argument + "'): "
          + e.getClass().getSimpleName() + "; nothing was sent");
    }
  }
}
