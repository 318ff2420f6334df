package io.credql.call;

import java.io.IOException;

/** The call was cancelled while it was in flight, because its statement was (see {@link StatementCalls}). */
final class CallCancelledException extends IOException {
  private static final long serialVersionUID = 1L;

  CallCancelledException(IOException cause) {
    super("the statement was cancelled while the request was in flight", cause);
  }
}
