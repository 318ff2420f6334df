package io.credql.aws;

import static java.util.Objects.requireNonNull;

/**
 * Why AWS refuses a request before any service sees it, with AWS's message. The code a client
 * gets depends on the service's protocol: {@link #jsonCode()} for JSON services such as Secrets
 * Manager, {@link #queryCode()} for Query services such as RDS.
 */
record AuthFailure(Kind kind, String message) {
  /** The kinds of refusal, each with its codes in both protocols and its HTTP status. */
  enum Kind {
    MISSING_TOKEN("MissingAuthenticationTokenException", "MissingAuthenticationToken", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", "IncompleteSignature", 403),
    SIGNATURE_DOES_NOT_MATCH("InvalidSignatureException", "SignatureDoesNotMatch", 403),
    UNKNOWN_ACCESS_KEY("UnrecognizedClientException", "InvalidClientTokenId", 403);

    private final String jsonCode;
    private final String queryCode;
    private final int status;

    Kind(String jsonCode, String queryCode, int status) {
      this.jsonCode = jsonCode;
      this.queryCode = queryCode;
      this.status = status;
    }
  }

  /** The message AWS gives for a signature that does not match. */
  static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
      + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  AuthFailure {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }

  String jsonCode() {
    return kind.jsonCode;
  }

  String queryCode() {
    return kind.queryCode;
  }

  int status() {
    return kind.status;
  }
}
