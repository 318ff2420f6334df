package io.credql.aws;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS in the sandbox: an {@link AwsSimulator} with the demo account and a key pair made up at
 * start, handed to the engine as {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}.
 */
public final class AwsSandboxSimulator implements ProviderSimulator {
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @Override public RunningSimulator startSandbox() {
    final AwsSimulator simulator = AwsSimulator.builder()
        .accessKey(MadeUpSecret.drawn("AKIASANDBOX", KEY_ALPHABET, 20))
        .secretKey(MadeUpSecret.base64(30))
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
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
