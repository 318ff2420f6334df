package io.credql.huaweicloud;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Huawei Cloud in the sandbox: a {@link HuaweiCloudSimulator} with the demo project and a key pair
 * made up at start, handed to the engine as {@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK}.
 */
public final class HuaweiCloudSandboxSimulator implements ProviderSimulator {
  private static final String AK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  @Override public RunningSimulator startSandbox() {
    final HuaweiCloudSimulator simulator = HuaweiCloudSimulator.builder()
        .accessKey(MadeUpSecret.drawn("SANDBOX", AK_ALPHABET, 20))
        .secretKey(MadeUpSecret.hex("", 20))
        .dataset(HuaweiCloudDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(HuaweiCloudSimulator simulator) {
    final Map<String, String> urls = new LinkedHashMap<>();
    urls.put("huaweicloud.gaussdb", simulator.gaussDbBaseUrl());
    urls.put("huaweicloud.rds", simulator.rdsBaseUrl());
    return urls;
  }

  private static Map<String, String> credentials(HuaweiCloudSimulator simulator) {
    final Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put(AkSkAuthScheme.DEFAULT_AK_VARIABLE, simulator.accessKey());
    credentials.put(AkSkAuthScheme.DEFAULT_SK_VARIABLE, simulator.secretKey());
    return credentials;
  }

  private static List<String> exampleQueries(HuaweiCloudSimulator simulator) {
    final String where = "WHERE region = '" + HuaweiCloudDataset.DEMO_REGION + "' AND project_id = '"
        + HuaweiCloudDataset.DEMO_PROJECT_ID + "'";
    return List.of(
        "SELECT id, name, status FROM huaweicloud.gaussdb.instances " + where,
        "SELECT name, lock_status FROM huaweicloud.gaussdb.db_users " + where + " AND instance_id = '"
            + HuaweiCloudDataset.DEMO_GAUSSDB_ACTIVE + "'",
        "SELECT id, name, status, datastore FROM huaweicloud.rds.instances " + where);
  }
}
