package io.credql.spi;

import io.credql.error.CredqlException;

import java.util.List;

/**
 * A provider rule checked before a call is sent (a password policy, "not the default user"),
 * written as code because it cannot be data. A method names its validators in its document with
 * {@code x-credql-validators: [name, ...]}; they run before anything is sent, in dry runs too.
 * Registered in {@code META-INF/services/io.credql.spi.RequestValidator}.
 */
public interface RequestValidator {
  /** The name documents use, e.g. {@code huaweicloud.gaussdb.password_policy}. */
  String name();

  /**
   * Every rule {@code call} violates, each a sentence that names the rule (never the secret
   * value); empty when the call may be sent.
   */
  List<String> validate(BoundCall call, ValidationContext context) throws CredqlException;
}
