package io.credql.aws;

import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS in the sandbox: an {@link AwsSimulator} with the demo account and a key pair made up at
 * start, handed to the engine as {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}.
 */
public final class AwsSandboxSimulator implements ProviderSimulator {
  /** The sandbox is long-lived (a shell session): keep the journal from growing without bound. */
  private static final int JOURNAL_LIMIT = 10_000;
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @Override public RunningSimulator startSandbox() {
    final SecureRandom random = new SecureRandom();
    final StringBuilder accessKey = new StringBuilder("AKIASANDBOX");
    while (accessKey.length() < 20) {
      accessKey.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    final byte[] secret = new byte[30];
    random.nextBytes(secret);
    final AwsSimulator simulator = AwsSimulator.builder()
        .accessKey(accessKey.toString())
        .secretKey(Base64.getEncoder().encodeToString(secret))
        .requestJournalLimit(JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(AwsSimulator simulator) {
    final Map<String, String> urls = new LinkedHashMap<>();
    urls.put("aws.rds", simulator.rdsBaseUrl());
    urls.put("aws.secretsmanager", simulator.secretsManagerBaseUrl());
    return urls;
  }

  private static Map<String, String> credentials(AwsSimulator simulator) {
    final Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put(AwsSigV4AuthScheme.DEFAULT_KEY_ID_VARIABLE, simulator.accessKey());
    credentials.put(AwsSigV4AuthScheme.DEFAULT_SECRET_VARIABLE, simulator.secretKey());
    return credentials;
  }

  private static List<String> exampleQueries(AwsSimulator simulator) {
    return List.of(
        "SELECT DBInstanceIdentifier, Engine, DBInstanceStatus, MasterUsername FROM aws.rds.db_instances"
            + " WHERE region = '" + AwsDataset.DEMO_REGION + "'",
        "SELECT Name, ARN, LastChangedDate FROM aws.secretsmanager.secrets WHERE region = '"
            + AwsDataset.DEMO_REGION + "'");
  }
}
