package io.credql.shell;

import io.credql.redact.MarkedSecretNames;
import io.credql.redact.Redactor;
import io.credql.redact.StatementMasker;
import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The shell's line history, which sqlline would otherwise keep verbatim: each line has its secrets
 * masked (see {@link StatementMasker}) before it is kept in memory or written to the history file,
 * so neither the file nor the up-arrow gives a typed password back.
 */
public final class SecretFilteringHistory extends DefaultHistory {
  private volatile StatementMasker masker = new StatementMasker(new Redactor());

  /**
   * From now on, also mask the secrets {@code redactor} knows (those the connection has seen) and
   * the values of names the connection's documents mark secret ({@code marked}).
   */
  void maskWith(Redactor redactor, MarkedSecretNames marked) {
    this.masker = new StatementMasker(requireNonNull(redactor, "redactor"), marked);
  }

  @Override public void add(Instant time, String line) {
    super.add(time, masker.mask(line));
  }
}
