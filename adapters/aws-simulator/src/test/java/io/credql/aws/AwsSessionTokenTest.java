package io.credql.aws;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Temporary AWS credentials (an access key with a session token, as STS issues them): credql sends
 * the token from the variable the auth config names ({@code AWS_SESSION_TOKEN} by default) in a
 * signed {@code X-Amz-Security-Token} header, and the simulator, given the token, refuses requests
 * without it. Surefire sets {@code CREDQL_TEST_AWS_SESSION_TOKEN}.
 */
class AwsSessionTokenTest {
  private static final String TOKEN_VARIABLE = "CREDQL_TEST_AWS_SESSION_TOKEN";
  private static final String SECRETS = "SELECT Name FROM aws.secretsmanager.secrets WHERE region = 'us-east-1'";
  private static AwsSimulator sim;

  @BeforeAll static void start() {
    sim = SimulatedAccount.withTestKeys().sessionToken(System.getenv(TOKEN_VARIABLE))
        .build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static List<String> names(String auth) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SimulatedAccount.bundledDocuments(sim) + auth);
         Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SECRETS)) {
      final List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  @Test void temporaryCredentialsSignTheirSessionTokenAndTheSimulatorAcceptsThem() throws SQLException {
    sim.resetRequests();
    final List<String> names = names(";auth={\"aws\": {\"type\": \"aws_signing_v4\", \"sessiontokenenvvar\": \""
        + TOKEN_VARIABLE + "\"}}");
    assertFalse(names.isEmpty());
    final LoggedRequest sent = sim.requests().get(0);
    assertEquals(System.getenv(TOKEN_VARIABLE), sent.getHeader("X-Amz-Security-Token"));
    assertTrue(sent.getHeader("Authorization").matches(".*SignedHeaders=[^,]*x-amz-security-token.*"),
        sent.getHeader("Authorization"));
  }

  @Test void withoutTheSessionTokenTemporaryKeysAreRefusedAndTheTokenIsNeverQuoted() {
    final SQLException e = assertThrows(SQLException.class,
        () -> names(";auth={\"aws\": {\"type\": \"aws_signing_v4\", \"sessiontokenenvvar\": \"CREDQL_TEST_UNSET_TOKEN\"}}"));
    assertTrue(e.getMessage().contains("The security token included in the request is invalid"), e.getMessage());
    assertFalse(e.getMessage().contains(System.getenv(TOKEN_VARIABLE)), e.getMessage());
  }
}
