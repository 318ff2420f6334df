package io.credql.azure;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * MSAL's HTTP requests sent through the connection's OkHttp client, so that token requests share
 * its timeouts, TLS and loopback rules with every other call.
 *
 * <p>MSAL is given the authority host as {@code https://<host>/}, without a port: it accepts
 * https authorities only, and its token cache does not find tokens of a host with a port (the
 * cache's environment and its aliases disagree about the port; msal4j 1.21). This client sends
 * MSAL's requests for that host to the authority origin the user named: its port, and http when
 * that is a loopback address (a simulator on this machine, which the engine allows for any base
 * URL). No other origin is rewritten.
 */
final class MsalHttpClient implements IHttpClient {
  private final OkHttpClient client;
  private final HttpUrl authorityOrigin;

  /** @param authorityOrigin the authority host as the user named it (scheme, host, port) */
  MsalHttpClient(OkHttpClient client, HttpUrl authorityOrigin) {
    this.client = requireNonNull(client, "client");
    this.authorityOrigin = requireNonNull(authorityOrigin, "authorityOrigin");
  }

  @Override public IHttpResponse send(HttpRequest httpRequest) throws Exception {
    HttpUrl url = HttpUrl.get(httpRequest.url().toString());
    if (url.isHttps() && url.port() == 443 && url.host().equals(authorityOrigin.host())) {
      url = url.newBuilder().scheme(authorityOrigin.scheme()).port(authorityOrigin.port()).build();
    }
    final Request.Builder request = new Request.Builder().url(url);
    String contentType = "application/x-www-form-urlencoded";
    for (Map.Entry<String, String> header : httpRequest.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      } else {
        request.header(header.getKey(), header.getValue());
      }
    }
    final String method = httpRequest.httpMethod().methodName;
    final String body = httpRequest.body();
    request.method(method, body == null && !method.equals("POST") ? null
        : RequestBody.create(body == null ? "" : body, MediaType.parse(contentType)));
    try (Response response = client.newCall(request.build()).execute()) {
      final ResponseBody responseBody = response.body();
      final HttpResponse answer = new HttpResponse().statusCode(response.code())
          .body(responseBody == null ? "" : responseBody.string());
      answer.addHeaders(response.headers().toMultimap());
      return answer;
    }
  }
}
