package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.spi.RecordingAuthContext;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_GAUSSDB_ACTIVE;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_GAUSSDB_FROZEN;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_PROJECT_ID;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_MYSQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_POSTGRESQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_REBOOTING;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_SQLSERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator over HTTP, as provider-apis §4–6 describe Huawei Cloud: requests signed the way
 * credql signs them are served; unsigned, tampered, stale or wrongly keyed ones are refused by the
 * gateway with {@code APIGW.0301}; GaussDB and RDS answer with their shapes and error codes.
 */
class HuaweiCloudSimulatorTest {
  private static final String AK = "SIMULATORTESTAK00001";
  private static final String SK = "simulator-test-secret-key";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();

  private static HuaweiCloudSimulator sim;

  @BeforeAll static void start() {
    final List<GaussDbAccount> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(GaussDbAccount.of("tenant_" + i));
    }
    final HuaweiCloudDataset demo = HuaweiCloudDataset.demo();
    final List<GaussDbInstance> gauss = new ArrayList<>(demo.gaussDbInstances());
    gauss.add(GaussDbInstance.active("0a1b2c3d4e5f60718293a4b5c6d7e8f9in14", "gauss-tenants",
        many.toArray(new GaussDbAccount[0])));
    sim = HuaweiCloudSimulator.builder().accessKey(AK).secretKey(SK)
        .dataset(HuaweiCloudDataset.of(DEMO_PROJECT_ID, demo.region(), gauss, demo.rdsInstances()))
        .build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  /** The status and JSON body of sending {@code request} as it is. */
  private record Answer(int status, JsonNode body) {
    String code() {
      return body.path("error_code").asText();
    }

    String message() {
      return body.path("error_msg").asText();
    }
  }

  private static Answer send(Request request) throws IOException {
    try (Response response = HTTP.newCall(request).execute()) {
      return new Answer(response.code(), JSON.readTree(response.body().bytes()));
    }
  }

  private static Request signed(Request request, String accessKey, String secretKey, Clock clock) throws Exception {
    final RecordingAuthContext keys = new RecordingAuthContext("huaweicloud")
        .set(AkSkAuthScheme.DEFAULT_AK_VARIABLE, accessKey).set(AkSkAuthScheme.DEFAULT_SK_VARIABLE, secretKey);
    return new AkSkAuthScheme(keys, AkSkAuthScheme.DEFAULT_AK_VARIABLE, AkSkAuthScheme.DEFAULT_SK_VARIABLE, clock)
        .authenticate(request);
  }

  private static Request signed(Request request) throws Exception {
    return signed(request, AK, SK, Clock.systemUTC());
  }

  private static String gaussdb(String path) {
    return sim.gaussDbBaseUrl() + "/v3/" + DEMO_PROJECT_ID + path;
  }

  private static String rds(String path) {
    return sim.rdsBaseUrl() + "/v3/" + DEMO_PROJECT_ID + path;
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private static Request put(String url, String json) {
    return new Request.Builder().url(url).put(RequestBody.create(json, JSON_TYPE)).build();
  }

  private static Request post(String url, String json) {
    return new Request.Builder().url(url).post(RequestBody.create(json, JSON_TYPE)).build();
  }

  private static Answer resetAccount(String instance, String name, String password) throws Exception {
    return send(signed(put(gaussdb("/instances/" + instance + "/db-user/password"),
        "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
  }

  private static Answer resetRoot(String instance, String password) throws Exception {
    return send(signed(post(rds("/instances/" + instance + "/password"), "{\"db_user_pwd\":\"" + password + "\"}")));
  }

  private static void assertGatewayRefused(Answer answer) {
    assertEquals(401, answer.status(), answer.body()::toString);
    assertEquals("APIGW.0301", answer.code());
    assertEquals("Incorrect IAM authentication information: verify aksk signature fail", answer.message());
    assertTrue(answer.body().path("request_id").asText().length() > 0);
  }

  @Test void aRequestSignedAsCredqlSignsIsServedWithTheGaussDbListing() throws Exception {
    final Answer answer = send(signed(get(gaussdb("/instances"))));
    assertEquals(200, answer.status(), answer.body()::toString);
    assertEquals(3, answer.body().get("total_count").asInt());
    final JsonNode first = answer.body().get("instances").get(0);
    assertEquals(DEMO_GAUSSDB_ACTIVE, first.get("id").asText());
    assertEquals("ACTIVE", first.get("status").asText());
    assertEquals("GaussDB", first.path("datastore").path("type").asText());
    assertEquals(8000, first.get("port").asInt());
    assertEquals("root", first.get("db_user_name").asText());
    assertEquals("FROZEN", answer.body().get("instances").get(1).get("status").asText());
  }

  @Test void anUnsignedRequestIsRefusedForWantOfCredentials() throws Exception {
    final Answer answer = send(get(gaussdb("/instances")));
    assertEquals(401, answer.status());
    assertEquals("APIGW.0301", answer.code());
    assertEquals("Incorrect IAM authentication information: x-auth-token not found", answer.message());
  }

  @Test void aRequestSignedWithTheWrongSecretKeyIsRefused() throws Exception {
    assertGatewayRefused(send(signed(get(gaussdb("/instances")), AK, "not-the-secret-key", Clock.systemUTC())));
  }

  @Test void aRequestSignedWithAnUnknownAccessKeyIsRefused() throws Exception {
    assertGatewayRefused(send(signed(get(gaussdb("/instances")), "UNKNOWNACCESSKEY0000", SK, Clock.systemUTC())));
  }

  @Test void aBodyChangedAfterSigningIsRefusedAndThePasswordIsUnchanged() throws Exception {
    final String before = sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "app_user");
    final Request signed = signed(put(gaussdb("/instances/" + DEMO_GAUSSDB_ACTIVE + "/db-user/password"),
        "{\"name\":\"app_user\",\"password\":\"Signed_Pass_2025\"}"));
    final Request tampered = signed.newBuilder()
        .put(RequestBody.create("{\"name\":\"app_user\",\"password\":\"Swapped_Pass_2025\"}", JSON_TYPE)).build();
    assertGatewayRefused(send(tampered));
    assertEquals(before, sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "app_user"));
  }

  @Test void aPathChangedAfterSigningIsRefused() throws Exception {
    final Request signed = signed(post(rds("/instances/" + DEMO_RDS_MYSQL + "/password"),
        "{\"db_user_pwd\":\"Signed_Pass_2025\"}"));
    final Request tampered = signed.newBuilder().url(rds("/instances/" + DEMO_RDS_POSTGRESQL + "/password")).build();
    assertGatewayRefused(send(tampered));
  }

  @Test void aQueryChangedAfterSigningIsRefused() throws Exception {
    final Request signed = signed(get(rds("/instances?id=" + DEMO_RDS_MYSQL)));
    assertGatewayRefused(send(signed.newBuilder().url(rds("/instances?id=" + DEMO_RDS_SQLSERVER)).build()));
  }

  @Test void aSignatureDatedMoreThanFifteenMinutesAgoIsRefusedButFourteenIsAccepted() throws Exception {
    final Clock sixteenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
    assertGatewayRefused(send(signed(get(rds("/instances")), AK, SK, sixteenMinutesAgo)));
    final Clock fourteenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14));
    assertEquals(200, send(signed(get(rds("/instances")), AK, SK, fourteenMinutesAgo)).status());
  }

  @Test void anAuthorizationHeaderOfAnotherSchemeIsRefused() throws Exception {
    final Request signed = signed(get(rds("/instances")));
    assertGatewayRefused(send(signed.newBuilder().header("Authorization",
        signed.header("Authorization").replace("SDK-HMAC-SHA256", "SDK-HMAC-SHA1")).build()));
  }

  @Test void anUnknownPathIsTheGatewaysApiDoesNotExist() throws Exception {
    final Answer answer = send(signed(get(gaussdb("/backups"))));
    assertEquals(404, answer.status());
    assertEquals("APIGW.0101", answer.code());
  }

  @Test void anotherProjectIsNotAuthorized() throws Exception {
    final Answer answer = send(signed(get(sim.rdsBaseUrl() + "/v3/ffffffffffffffffffffffffffffffff/instances")));
    assertEquals(403, answer.status());
    assertEquals("DBS.200010", answer.code());
  }

  @Test void offsetAndLimitChooseAPageAndTotalCountCountsAll() throws Exception {
    final Answer page = send(signed(get(rds("/instances?offset=1&limit=2"))));
    assertEquals(4, page.body().get("total_count").asInt());
    assertEquals(2, page.body().get("instances").size());
    assertEquals(DEMO_RDS_POSTGRESQL, page.body().get("instances").get(0).get("id").asText());
    final Answer tooMany = send(signed(get(rds("/instances?limit=101"))));
    assertEquals(400, tooMany.status());
    assertEquals("DBS.200001", tooMany.code());
    assertEquals("Parameter error.", tooMany.message());
  }

  @Test void theRdsListingFiltersByIdAndReportsEachEngine() throws Exception {
    final Answer one = send(signed(get(rds("/instances?id=" + DEMO_RDS_SQLSERVER))));
    assertEquals(1, one.body().get("total_count").asInt());
    final JsonNode sqlServer = one.body().get("instances").get(0);
    assertEquals("SQLServer", sqlServer.path("datastore").path("type").asText());
    assertEquals(1433, sqlServer.get("port").asInt());
    final Answer postgres = send(signed(get(rds("/instances?datastore_type=PostgreSQL"))));
    assertEquals(DEMO_RDS_POSTGRESQL, postgres.body().get("instances").get(0).get("id").asText());
    assertEquals(5432, postgres.body().get("instances").get(0).get("port").asInt());
  }

  @Test void bothListingsFilterByANamePatternAndByType() throws Exception {
    final Answer orders = send(signed(get(gaussdb("/instances?name=*orders"))));
    assertEquals(1, orders.body().get("total_count").asInt());
    assertEquals(DEMO_GAUSSDB_ACTIVE, orders.body().get("instances").get(0).get("id").asText());
    final Answer legacyHa = send(signed(get(gaussdb("/instances?name=gauss-legacy&type=Ha"))));
    assertEquals(DEMO_GAUSSDB_FROZEN, legacyHa.body().get("instances").get(0).get("id").asText());
    assertEquals(0, send(signed(get(gaussdb("/instances?type=Enterprise")))).body().get("total_count").asInt());
    final Answer shop = send(signed(get(rds("/instances?name=*shop&type=Single"))));
    assertEquals(1, shop.body().get("total_count").asInt());
    assertEquals(DEMO_RDS_MYSQL, shop.body().get("instances").get(0).get("id").asText());
  }

  @Test void databaseAccountsComeTenAtATimeUnlessALimitIsGiven() throws Exception {
    final String instance = "0a1b2c3d4e5f60718293a4b5c6d7e8f9in14";
    final Answer first = send(signed(get(gaussdb("/instances/" + instance + "/db-users"))));
    assertEquals(12, first.body().get("total_count").asInt());
    assertEquals(10, first.body().get("users").size());
    final Answer all = send(signed(get(gaussdb("/instances/" + instance + "/db-users?limit=100"))));
    assertEquals(12, all.body().get("users").size());
    final JsonNode user = all.body().get("users").get(0);
    assertEquals("tenant_0", user.get("name").asText());
    assertEquals(-1, user.path("attribute").path("rolconnlimit").asInt());
    assertTrue(user.has("lock_status"));
  }

  @Test void resettingAnAccountPasswordAnswersAnEmptyObjectAndChangesIt() throws Exception {
    final Answer answer = resetAccount(DEMO_GAUSSDB_ACTIVE, "report_reader", "Reader_Rotated_01");
    assertEquals(200, answer.status(), answer.body()::toString);
    assertEquals("{}", answer.body().toString());
    assertEquals("Reader_Rotated_01", sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "report_reader"));
  }

  @Test void theCurrentPasswordAgainIsDbs200475() throws Exception {
    final String current = sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "root");
    final Answer answer = resetAccount(DEMO_GAUSSDB_ACTIVE, "root", current);
    assertEquals(400, answer.status());
    assertEquals("DBS.200475", answer.code());
    assertEquals("New password should not equal to the old one.", answer.message());
  }

  @Test void weakAccountPasswordsAreDbs200068() throws Exception {
    for (String weak : List.of("short1A", "alllowercase1", "Has$Dollar1", "resu_ppa", "Huawei@123")) {
      final Answer answer = resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", weak);
      assertEquals(400, answer.status(), weak);
      assertEquals("DBS.200068", answer.code(), weak);
      assertEquals("This is a weak password. Please enter a strong password.", answer.message());
    }
  }

  @Test void systemAccountsAreBuiltInAndCannotBeEdited() throws Exception {
    final Answer answer = resetAccount(DEMO_GAUSSDB_ACTIVE, "rdsAdmin", "Strong_Pass_2025");
    assertEquals(409, answer.status());
    assertEquals("DBS.200828", answer.code());
  }

  @Test void unknownAndMalformedAccountsAreReportedWithTheirCodes() throws Exception {
    assertEquals("DBS.200824", resetAccount(DEMO_GAUSSDB_ACTIVE, "nobody", "Strong_Pass_2025").code());
    assertEquals("DBS.200062", resetAccount(DEMO_GAUSSDB_ACTIVE, "bad name", "Strong_Pass_2025").code());
  }

  @Test void aFrozenInstanceRefusesResetsWithDbs200086() throws Exception {
    final Answer answer = resetAccount(DEMO_GAUSSDB_FROZEN, "legacy_app", "Strong_Pass_2025");
    assertEquals(400, answer.status());
    assertEquals("DBS.200086", answer.code());
    assertEquals("This operation is not allowed by the DB instance status.", answer.message());
  }

  @Test void anUnknownInstanceIsDbs200002() throws Exception {
    final Answer gauss = resetAccount("ffffffffffffffffffffffffffffffffin14", "root", "Strong_Pass_2025");
    assertEquals(404, gauss.status());
    assertEquals("DBS.200002", gauss.code());
    assertEquals("The DB instance does not exist.", gauss.message());
    assertEquals("DBS.200002", resetRoot("ffffffffffffffffffffffffffffffffin01", "Strong_Pass_2025").code());
  }

  @Test void aMalformedBodyIsAParameterError() throws Exception {
    final Answer answer = send(signed(post(rds("/instances/" + DEMO_RDS_MYSQL + "/password"), "{\"password\":1}")));
    assertEquals(400, answer.status());
    assertEquals("DBS.200001", answer.code());
  }

  @Test void mysqlRootPasswordsMayUseDollarAndParenthesesButPostgresqlOnesMayNot() throws Exception {
    assertEquals(200, resetRoot(DEMO_RDS_MYSQL, "My$ql(Root)2025").status());
    assertEquals("My$ql(Root)2025", sim.rootPassword(DEMO_RDS_MYSQL));
    final String before = sim.rootPassword(DEMO_RDS_POSTGRESQL);
    final Answer refused = resetRoot(DEMO_RDS_POSTGRESQL, "Pg$ql(Root)2025");
    assertEquals(400, refused.status());
    assertEquals("DBS.200052", refused.code());
    assertEquals("Invalid database root password.", refused.message());
    assertEquals(before, sim.rootPassword(DEMO_RDS_POSTGRESQL));
    assertEquals(200, resetRoot(DEMO_RDS_POSTGRESQL, "Pg_Root_2025").status());
  }

  @Test void sqlServerRootPasswordsCannotBeResetThroughThisApi() throws Exception {
    final String before = sim.rootPassword(DEMO_RDS_SQLSERVER);
    final Answer answer = resetRoot(DEMO_RDS_SQLSERVER, "Strong_Pass_2025");
    assertEquals(400, answer.status());
    assertEquals("DBS.200001", answer.code());
    assertEquals(before, sim.rootPassword(DEMO_RDS_SQLSERVER));
  }

  @Test void aRebootingInstanceRefusesRootResetsWithDbs200086UntilItIsActive() throws Exception {
    assertEquals("DBS.200086", resetRoot(DEMO_RDS_REBOOTING, "Strong_Pass_2025").code());
    sim.setRdsStatus(DEMO_RDS_REBOOTING, "ACTIVE");
    try {
      assertEquals(200, resetRoot(DEMO_RDS_REBOOTING, "Strong_Pass_2025").status());
    } finally {
      sim.setRdsStatus(DEMO_RDS_REBOOTING, "REBOOTING");
    }
    assertNotEquals(0, sim.requestCount("POST", "/rds/v3/" + DEMO_PROJECT_ID + "/instances/.*/password"));
  }

  @Test void theSimulatorsClockDecidesWhatIsStale() throws Exception {
    final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    try (HuaweiCloudSimulator future = HuaweiCloudSimulator.builder().accessKey(AK).secretKey(SK)
        .clock(Clock.fixed(later.instant(), ZoneOffset.UTC)).build().start()) {
      final Request now = signed(get(future.rdsBaseUrl() + "/v3/" + DEMO_PROJECT_ID + "/instances"));
      assertGatewayRefused(send(now));
      final Request dated = signed(get(future.rdsBaseUrl() + "/v3/" + DEMO_PROJECT_ID + "/instances"), AK, SK, later);
      assertEquals(200, send(dated).status());
    }
  }
}
