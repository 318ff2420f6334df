package io.credql.conformance;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.ConformanceDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's own AWS documents, unchanged, against a fake that answers as AWS's API reference shows:
 * RDS speaks the query protocol (a form POST, an XML answer) and Secrets Manager the JSON 1.1
 * protocol (an {@code X-Amz-Target} header, an {@code application/x-amz-json-1.1} body). The
 * provider asks for {@code snake_case_aliases}, so PascalCase names are snake_case columns. Auth is
 * overridden to nothing, so the wire format is what is tested.
 */
class AwsWireFormatTest {
  private static final String DESCRIBE_DB_INSTANCES = "<DescribeDBInstancesResponse"
      + " xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">\n"
      + "  <DescribeDBInstancesResult>\n"
      + "    <DBInstances>\n"
      + "      <DBInstance>\n"
      + "        <DBInstanceIdentifier>orders-db</DBInstanceIdentifier>\n"
      + "        <Engine>postgres</Engine>\n"
      + "        <AllocatedStorage>100</AllocatedStorage>\n"
      + "        <MasterUsername>app</MasterUsername>\n"
      + "        <Endpoint><Address>orders-db.abc.us-east-1.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>\n"
      + "      </DBInstance>\n"
      + "      <DBInstance>\n"
      + "        <DBInstanceIdentifier>users-db</DBInstanceIdentifier>\n"
      + "        <Engine>mysql</Engine>\n"
      + "        <AllocatedStorage>20</AllocatedStorage>\n"
      + "        <MasterUsername>admin</MasterUsername>\n"
      + "      </DBInstance>\n"
      + "    </DBInstances>\n"
      + "  </DescribeDBInstancesResult>\n"
      + "  <ResponseMetadata><RequestId>5e1b0f4c-1111-2222-3333-444455556666</RequestId></ResponseMetadata>\n"
      + "</DescribeDBInstancesResponse>\n";
  @TempDir static Path auditDir;

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + ConformanceDocuments.stackqlRegistry()
        + ";baseUrl.aws=http://127.0.0.1:" + api.getPort()
        + ";auth={\"aws\": {\"type\": \"null_auth\"}}"
        + ";auditLog=" + auditDir.resolve("audit.jsonl"));
  }

  @Test void listingRdsInstancesPostsTheQueryProtocolFormAndReadsTheXmlRows() throws SQLException {
    api.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/xml")
        .withBody(DESCRIBE_DB_INSTANCES)));
    final List<String> rows = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT db_instance_identifier, engine, allocated_storage, endpoint"
             + " FROM aws.rds.db_instances WHERE region = 'us-east-1'")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4));
      }
    }
    assertEquals(List.of(
        "orders-db postgres 100 {\"Address\":\"orders-db.abc.us-east-1.rds.amazonaws.com\",\"Port\":\"5432\"}",
        "users-db mysql 20 null"), rows);
    final LoggedRequest request = api.getAllServeEvents().get(0).getRequest();
    assertEquals("POST", request.getMethod().getName());
    assertEquals("/", request.getUrl());
    assertTrue(request.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"),
        request.getHeader("Content-Type"));
    assertEquals("Action=DescribeDBInstances&Version=2014-10-31", request.getBodyAsString());
  }

  @Test void aQueryProtocolParameterTravelsInTheFormBody() throws SQLException {
    api.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/xml")
        .withBody(DESCRIBE_DB_INSTANCES)));
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT db_instance_identifier FROM aws.rds.db_instances"
             + " WHERE region = 'us-east-1' AND db_instance_identifier = 'users-db'")) {
      assertTrue(rs.next());
      assertEquals("users-db", rs.getString(1));
      assertFalse(rs.next(), "the fake answers both instances; the WHERE still holds");
    }
    assertEquals("Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=users-db",
        api.getAllServeEvents().get(0).getRequest().getBodyAsString());
  }

  @Test void readingASecretSendsTheJson11ProtocolWithItsTargetHeader() throws SQLException {
    api.stubFor(any(anyUrl()).willReturn(aResponse()
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\","
            + "\"Name\":\"db\",\"SecretString\":\"{\\\"password\\\":\\\"s3cr3t\\\"}\","
            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.523477145713E9}")));
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, secret_string FROM aws.secretsmanager.secret_values"
             + " WHERE region = 'us-east-1' AND secret_id = 'db'")) {
      assertTrue(rs.next());
      assertEquals("db", rs.getString(1));
      assertEquals("{\"password\":\"s3cr3t\"}", rs.getString(2));
    }
    final LoggedRequest request = api.getAllServeEvents().get(0).getRequest();
    assertEquals("POST", request.getMethod().getName());
    assertEquals("/GetSecretValue", request.getUrl());
    assertEquals("secretsmanager.GetSecretValue", request.getHeader("X-Amz-Target"));
    assertEquals("application/x-amz-json-1.1", request.getHeader("Content-Type"));
    assertEquals("{\"SecretId\":\"db\"}", request.getBodyAsString());
  }

  @Test void snakeCaseNamesWorkAsExecParametersAndInsertColumns() throws SQLException {
    api.stubFor(any(anyUrl()).willReturn(aResponse()
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\",\"Name\":\"db\"}")));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("EXEC aws.secretsmanager.secrets.create_secret @region = 'us-east-1', @name = 'db',"
          + " @secret_string = 'pw-1'");
      s.executeUpdate("INSERT INTO aws.secretsmanager.secrets (region, Name, secret_string)"
          + " VALUES ('us-east-1', 'db2', 'pw-2')");
    }
    final List<LoggedRequest> requests = new ArrayList<>();
    api.getAllServeEvents().forEach(event -> requests.add(0, event.getRequest()));
    assertEquals(2, requests.size());
    assertEquals("secretsmanager.CreateSecret", requests.get(0).getHeader("X-Amz-Target"));
    assertEquals("{\"Name\":\"db\",\"SecretString\":\"pw-1\"}", requests.get(0).getBodyAsString());
    assertEquals("{\"Name\":\"db2\",\"SecretString\":\"pw-2\"}", requests.get(1).getBodyAsString());
  }

  @Test void anUpdateWithTheEmptySetOfStackqlsReferencePageTakesEveryInputFromWhere() throws SQLException {
    api.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/xml")
        .withBody("<ModifyDBInstanceResponse><ModifyDBInstanceResult><DBInstance>"
            + "<DBInstanceIdentifier>orders-db</DBInstanceIdentifier></DBInstance></ModifyDBInstanceResult>"
            + "</ModifyDBInstanceResponse>")));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE aws.rds.db_instances\nSET \n-- No updatable properties\nWHERE \n"
          + "DBInstanceIdentifier = 'orders-db' --required\nAND region = 'us-east-1' --required\n"
          + "AND AllocatedStorage = '200'\nAND ApplyImmediately = true"));
    }
    assertEquals("Action=ModifyDBInstance&Version=2014-10-31&DBInstanceIdentifier=orders-db"
        + "&AllocatedStorage=200&ApplyImmediately=true",
        api.getAllServeEvents().get(0).getRequest().getBodyAsString());
  }
}
