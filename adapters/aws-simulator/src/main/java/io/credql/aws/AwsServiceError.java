package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An error a simulated AWS service answers with: HTTP status, AWS's error code and message.
 * Secrets Manager writes it as {@code {"__type", "message"}}, RDS as {@code <ErrorResponse>}.
 */
final class AwsServiceError extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;

  AwsServiceError(int status, String code, @Nullable String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }
}
