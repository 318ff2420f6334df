package io.credql.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/** Requests to the server as a broken, hostile or foreign client sends them, beside any driver. */
final class RawRequests {
  private RawRequests() {
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(URI url, String authorization, byte[] body) throws Exception {
    return post(HttpClient.newHttpClient(), url, authorization, body);
  }

  static HttpResponse<String> post(SSLContext tls, URI url, String authorization, byte[] body) throws Exception {
    return post(HttpClient.newBuilder().sslContext(tls).build(), url, authorization, body);
  }

  private static HttpResponse<String> post(HttpClient client, URI url, String authorization, byte[] body)
      throws Exception {
    return client.send(HttpRequest.newBuilder(url).header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
