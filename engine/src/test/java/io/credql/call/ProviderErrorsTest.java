package io.credql.call;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Provider error bodies as users read them: the provider's own code and message. */
class ProviderErrorsTest {
  private static ProviderErrors.Described describe(String body) {
    return ProviderErrors.describe(body.getBytes(StandardCharsets.UTF_8), "Bad Request");
  }

  @Test void anAwsJsonErrorGivesItsTypeAsCode() {
    final ProviderErrors.Described described = describe(
        "{\"__type\":\"com.amazonaws.secretsmanager#ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find it.\"}");
    assertEquals("ResourceNotFoundException", described.code);
    assertEquals("Secrets Manager can't find it.", described.message);
  }

  @Test void anAwsXmlErrorGivesItsCodeAndMessage() {
    final ProviderErrors.Described described = describe("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
        + "<Error><Type>Sender</Type><Code>InvalidDBInstanceState</Code>"
        + "<Message>Instance &quot;db&quot; is not in available state.</Message></Error>"
        + "<RequestId>1</RequestId></ErrorResponse>");
    assertEquals("InvalidDBInstanceState", described.code);
    assertEquals("Instance \"db\" is not in available state.", described.message);
  }

  @Test void xmlWithoutAMessageIsShownShortened() {
    final ProviderErrors.Described described = describe("<html><body>Bad gateway</body></html>");
    assertEquals(null, described.code);
    assertEquals("<html><body>Bad gateway</body></html>", described.message);
  }
}
