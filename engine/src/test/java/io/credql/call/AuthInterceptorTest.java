package io.credql.call;

import io.credql.error.MissingCredentialException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The provider's credentials go on each request as it leaves, made afresh for every attempt, and a
 * credential that cannot be had stops the request before anything is sent. No network: the last
 * interceptor of the chain stands for the server.
 */
class AuthInterceptorTest {
  /** The requests that reached the "server", and an answer for each. */
  private final List<Request> sent = new ArrayList<>();

  private OkHttpClient client(io.credql.spi.AuthScheme scheme) {
    return new OkHttpClient.Builder()
        .addInterceptor(new AuthInterceptor(scheme))
        .addInterceptor(chain -> {
          sent.add(chain.request());
          return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
              .code(200).message("OK")
              .body(ResponseBody.create("{}", MediaType.get("application/json"))).build();
        })
        .build();
  }

  private static Request request() {
    return new Request.Builder().url("https://api.example.test/v1/things").build();
  }

  @Test void eachRequestLeavesWithCredentialsMadeForIt() throws Exception {
    final int[] made = {0};
    final OkHttpClient client = client(request -> request.newBuilder()
        .header("Authorization", "Bearer token-" + ++made[0]).build());
    client.newCall(request()).execute().close();
    client.newCall(request()).execute().close();
    assertEquals(2, sent.size());
    assertEquals("Bearer token-1", sent.get(0).header("Authorization"));
    assertEquals("Bearer token-2", sent.get(1).header("Authorization"));
  }

  @Test void aMissingCredentialStopsTheRequestBeforeItIsSent() {
    final MissingCredentialException missing =
        new MissingCredentialException("set the environment variable EXAMPLE_TOKEN");
    final OkHttpClient client = client(request -> {
      throw missing;
    });
    final AuthInterceptor.CredentialFailure failure = assertThrows(AuthInterceptor.CredentialFailure.class,
        () -> client.newCall(request()).execute());
    assertSame(missing, failure.failure());
    assertEquals("set the environment variable EXAMPLE_TOKEN", failure.getMessage());
    assertEquals(List.of(), sent);
  }
}
