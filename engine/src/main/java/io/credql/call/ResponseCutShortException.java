package io.credql.call;

import java.io.IOException;

/**
 * The provider's answer began (its status and headers arrived) but its body ended before the
 * length it announced, or the connection failed while it was being read: the request was
 * received, so this is not a failure to reach the provider.
 */
final class ResponseCutShortException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ResponseCutShortException(int status, long received, long announced, IOException cause) {
    super("the answer (HTTP " + status + ") was cut short: " + received + " of "
        + (announced >= 0 ? announced + " announced bytes" : "its bytes") + " arrived before the connection "
        + "ended (" + cause.getClass().getSimpleName() + ")", cause);
    this.status = status;
  }

  int status() {
    return status;
  }
}
