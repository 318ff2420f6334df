package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * GaussDB's rules for a database account's new password (seed 003; provider-apis §5.2), checked
 * before {@code huaweicloud.gaussdb.db_user_password.reset} is sent: not a system account, 8 to 32
 * characters of at least three kinds, specials only from {@code ~!@#%^*-_=+?,}, and neither the
 * account name nor its reverse. Needs no read, so dry runs check everything too. Whether the
 * password equals the current one only the provider knows ({@code DBS.200475}).
 */
public final class GaussDbPasswordValidator implements RequestValidator {
  /** The accounts GaussDB keeps for itself; their passwords cannot be reset through the API. */
  public static final List<String> SYSTEM_ACCOUNTS = List.of("rdsAdmin", "rdsMetric", "rdsBackup", "rdsRepl");

  @Override public String name() {
    return "huaweicloud.gaussdb.password_policy";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) {
    final List<String> problems = new ArrayList<>();
    final JsonNode body = call.body();
    if (body == null) {
      return problems;
    }
    final String account = body.path("name").asText("");
    if (isSystemAccount(account)) {
      problems.add("account " + account + " is a GaussDB system account (" + String.join(", ", SYSTEM_ACCOUNTS)
          + "), whose password cannot be reset");
    }
    final JsonNode password = body.get("password");
    if (password != null && password.isTextual()) {
      problems.addAll(PasswordPolicy.GAUSSDB.violations(password.asText()));
      if (!account.isEmpty() && PasswordPolicy.resemblesName(password.asText(), account)) {
        problems.add("the password may not be the account name or the account name spelled backwards");
      }
    }
    return problems;
  }

  /** Whether {@code account} is one of {@link #SYSTEM_ACCOUNTS}, ignoring case (the cautious reading). */
  public static boolean isSystemAccount(String account) {
    return SYSTEM_ACCOUNTS.stream().anyMatch(system -> system.equalsIgnoreCase(account));
  }
}
