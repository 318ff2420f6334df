package io.credql.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.List;
import java.util.Map;

/**
 * Render's rule that a database's current default user cannot be deleted, checked before a
 * {@code DELETE FROM render.postgres.credentials} is sent: the validator reads the instance's users
 * and refuses when the one named is the default, with Render's explanation of how to rotate it.
 *
 * <p>In a dry run the user list cannot be read (a dry run sends nothing, reads included), so the
 * rule is not checked there: the dry run shows the request, and the real run checks it before
 * sending. Render refuses such a deletion itself as well.
 */
public final class DefaultUserDeletionValidator implements RequestValidator {
  /** The name documents use in {@code x-credql-validators}. */
  public static final String NAME = "render.postgres.not_default_user";

  @Override public String name() {
    return NAME;
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final Object postgresId = call.input("postgresId");
    final Object username = call.input("username");
    if (postgresId == null || username == null) {
      // the engine reports missing inputs itself
      return List.of();
    }
    final List<JsonNode> users = context.read("credentials", "listPostgresUsers",
        Map.of("postgresId", postgresId));
    if (users == null) {
      return List.of();
    }
    for (JsonNode user : users) {
      if (user.path("username").asText().equals(username.toString())
          && user.path("default").asBoolean(false)) {
        return List.of(username + " is the current default user of " + postgresId + ". You can't"
            + " delete your database's current default user. To perform a credential rotation"
            + " involving the default user, first create a new user to make it the new default."
            + " You can then delete the previous default user");
      }
    }
    // not the default, or not there at all: Render answers for a user it does not know
    return List.of();
  }
}
