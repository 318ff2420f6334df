package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.BannerExamples;
import io.credql.sandbox.Sandbox;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RecordingAuthContext;
import io.credql.spi.RunningSimulator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;

import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_GAUSSDB_ACTIVE;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_PROJECT_ID;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_MYSQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_POSTGRESQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Huawei Cloud in the sandbox ({@code jdbc:credql:sandbox=true}): the seeds' GaussDB account reset
 * (003) and RDS root reset (004) on demo instances with demo keys. What reached the simulator is
 * read from its WireMock request journal.
 */
class HuaweiCloudSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final String PROJECT = "@region = '" + DEMO_REGION + "' @project_id = '" + DEMO_PROJECT_ID + "' ";
  private static final String GAUSSDB_RESET = "EXEC huaweicloud.gaussdb.db_user_password.reset " + PROJECT;
  private static final String RDS_RESET = "EXEC huaweicloud.rds.root_password.reset " + PROJECT;

  private static List<String> messages(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> messages = new java.util.ArrayList<>();
      while (rs.next()) {
        messages.add(rs.getString(1));
      }
      return messages;
    }
  }

  /** How many requests the sandbox's Huawei Cloud simulator has received so far. */
  private static int journalSize() throws IOException {
    final URI gaussdb = URI.create(Sandbox.shared().baseUrls().get("huaweicloud.gaussdb"));
    final Request request = new Request.Builder()
        .url("http://" + gaussdb.getHost() + ":" + gaussdb.getPort() + "/__admin/requests").build();
    try (Response response = HTTP.newCall(request).execute()) {
      return JSON.readTree(response.body().bytes()).path("meta").path("total").asInt();
    }
  }

  @Test void seed003ResettingAGaussDbAccountPasswordSucceedsAndTheSamePasswordIsThenTheOldOne() throws Exception {
    final String reset = GAUSSDB_RESET + "@instance_id = '" + DEMO_GAUSSDB_ACTIVE
        + "' @name = 'report_reader' @password = 'Sandbox_Rotated_003'";
    assertEquals(List.of("The operation was despatched successfully"), messages(reset));
    final SQLException again = assertThrows(SQLException.class, () -> messages(reset));
    assertTrue(again.getMessage().contains("[DBS.200475] New password should not equal to the old one."),
        again.getMessage());
  }

  @Test void seed003WithAnInvalidPasswordFailsBeforeSendingAnything() throws Exception {
    final int before = journalSize();
    final SQLException e = assertThrows(SQLException.class, () -> messages(GAUSSDB_RESET + "@instance_id = '"
        + DEMO_GAUSSDB_ACTIVE + "' @name = 'app_user' @password = 'app_user'"));
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    assertEquals(before, journalSize());
  }

  @Test void seed004ResettingMysqlAndPostgresqlRootPasswordsSucceeds() throws SQLException {
    assertEquals(List.of("The operation was despatched successfully"),
        messages(RDS_RESET + "@instance_id = '" + DEMO_RDS_MYSQL + "' @db_user_pwd = 'Sandbox(Root)$004'"));
    assertEquals(List.of("The operation was despatched successfully"),
        messages(RDS_RESET + "@instance_id = '" + DEMO_RDS_POSTGRESQL + "' @db_user_pwd = 'Sandbox_Root_004'"));
  }

  @Test void seed004WithAPasswordNoEngineAcceptsFailsBeforeSendingAnything() throws Exception {
    final int before = journalSize();
    final SQLException e = assertThrows(SQLException.class,
        () -> messages(RDS_RESET + "@instance_id = '" + DEMO_RDS_MYSQL + "' @db_user_pwd = 'Space is not allowed'"));
    assertTrue(e.getMessage().contains("the password may contain only letters, digits and the special characters"),
        e.getMessage());
    assertEquals(before, journalSize());
  }

  @Test void everyExampleOfTheBannerRunsAndReturnsRows() throws SQLException {
    final List<String> examples = BannerExamples.of(Sandbox.shared().exampleQueries(), "huaweicloud");
    assertEquals(3, examples.size(), examples.toString());
    BannerExamples.assertEachReturnsARow(examples);
  }

  @Test void theSandboxKeysAreNotTheEnvironmentsKeys() {
    assertNotEquals(System.getenv("HUAWEICLOUD_SDK_AK"), Sandbox.shared().credentials().get("HUAWEICLOUD_SDK_AK"));
    assertNotEquals(System.getenv("HUAWEICLOUD_SDK_SK"), Sandbox.shared().credentials().get("HUAWEICLOUD_SDK_SK"));
  }

  @Test void theRegisteredSimulatorStartsOneSimulatorServingBothServicesAndStopsIt() throws Exception {
    final List<ProviderSimulator> huawei = ServiceLoader.load(ProviderSimulator.class).stream()
        .map(ServiceLoader.Provider::get).filter(simulator -> simulator instanceof HuaweiCloudSandboxSimulator).toList();
    assertEquals(1, huawei.size());
    final String rds;
    try (RunningSimulator running = huawei.get(0).startSandbox()) {
      rds = running.baseUrls().get("huaweicloud.rds");
      assertTrue(rds.matches("http://127\\.0\\.0\\.1:\\d+/rds"), rds);
      assertTrue(running.baseUrls().get("huaweicloud.gaussdb").matches("http://127\\.0\\.0\\.1:\\d+/gaussdb"));
      final RecordingAuthContext keys = new RecordingAuthContext("huaweicloud");
      running.credentials().forEach(keys::set);
      final Request signed = new AkSkAuthScheme(keys, AkSkAuthScheme.DEFAULT_AK_VARIABLE,
          AkSkAuthScheme.DEFAULT_SK_VARIABLE, Clock.systemUTC())
          .authenticate(new Request.Builder().url(rds + "/v3/" + DEMO_PROJECT_ID + "/instances").build());
      try (Response response = HTTP.newCall(signed).execute()) {
        final JsonNode listing = JSON.readTree(response.body().bytes());
        assertEquals(4, listing.get("total_count").asInt());
      }
    }
    final Request after = new Request.Builder().url(rds + "/v3/" + DEMO_PROJECT_ID + "/instances").build();
    assertThrows(IOException.class, () -> HTTP.newCall(after).execute().close());
  }
}
