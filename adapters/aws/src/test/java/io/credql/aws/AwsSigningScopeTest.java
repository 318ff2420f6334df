package io.credql.aws;

import io.credql.error.InvalidInputException;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The region and service a request is signed for, as AWS's endpoint names give them. */
class AwsSigningScopeTest {
  @Test
  void regionalEndpointsNameTheirServiceAndRegion() {
    assertEquals(new AwsSigningScope("eu-west-1", "rds"), AwsSigningScope.ofHost("rds.eu-west-1.amazonaws.com"));
    assertEquals(new AwsSigningScope("us-east-1", "secretsmanager"),
        AwsSigningScope.ofHost("secretsmanager.us-east-1.amazonaws.com"));
    assertEquals(new AwsSigningScope("us-gov-west-1", "rds"), AwsSigningScope.ofHost("rds-fips.us-gov-west-1.amazonaws.com"));
    assertEquals(new AwsSigningScope("cn-north-1", "rds"), AwsSigningScope.ofHost("rds.cn-north-1.amazonaws.com.cn"));
    assertEquals(new AwsSigningScope("us-east-1", "iam"), AwsSigningScope.ofHost("iam.amazonaws.com"));
  }

  @Test
  void otherHostsAreNoAwsEndpoint() {
    assertNull(AwsSigningScope.ofHost("127.0.0.1"));
    assertNull(AwsSigningScope.ofHost("rds.us-east-1.amazonaws.com.attacker.example"));
    assertNull(AwsSigningScope.ofHost("rds.not-a-region.amazonaws.com"));
  }

  @Test
  void aRequestToNoAwsEndpointWithoutItsDocumentCannotBeSigned() {
    final InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AwsSigningScope.of(new Request.Builder().url("http://127.0.0.1:9/").build()));
    assertTrue(e.getMessage().startsWith("cannot sign a request to 127.0.0.1 with aws_signing_v4"), e.getMessage());
  }
}
