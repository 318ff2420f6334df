package io.credql.jdbc;

import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.TrustStoreConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Avatica's HTTP transport for a {@code credql serve} server that sends {@code Authorization:
 * Bearer <token>} (Avatica's own knows Basic, Digest and SPNEGO only). Avatica hands it the token
 * as the password of {@code authentication=BASIC}; the user name is not sent. A request is sent
 * once: an answer other than 200 or 500 (Avatica's error answer) fails the call, as Avatica's own
 * transport reports it ({@code got HTTP/401}), and nothing is re-sent.
 */
public final class BearerTokenHttpClient implements AvaticaHttpClient, UsernamePasswordAuthenticateable,
    TrustStoreConfigurable {
  private final URL url;
  private @Nullable String token;
  private @Nullable SSLContext tls;
  private @Nullable HttpClient client;

  /** Avatica makes its transport with the server's URL. */
  public BearerTokenHttpClient(URL url) {
    this.url = requireNonNull(url, "url");
  }

  @Override public void setUsernamePassword(AuthenticationType authType, String username, String password) {
    this.token = requireNonNull(password, "password");
  }

  @Override public void setTrustStore(File truststore, String password) {
    try {
      final KeyStore trusted = KeyStore.getInstance(truststore, password.toCharArray());
      final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      this.tls = context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the trust store " + truststore + ": " + e.getMessage(), e);
    }
  }

  @Override public byte[] send(byte[] request) {
    final HttpResponse<byte[]> response;
    try {
      response = client().send(HttpRequest.newBuilder(url.toURI())
          .header("Authorization", "Bearer " + requireNonNull(token, "token"))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | URISyntaxException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
    if (response.statusCode() != 200 && response.statusCode() != 500) {
      throw new RuntimeException("Failed to execute HTTP Request, got HTTP/" + response.statusCode());
    }
    return response.body();
  }

  private synchronized HttpClient client() {
    if (client == null) {
      final HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30));
      if (tls != null) {
        builder.sslContext(tls);
      }
      client = builder.build();
    }
    return client;
  }
}
