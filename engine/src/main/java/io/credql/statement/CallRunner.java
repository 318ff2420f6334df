package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.BoundCall;
import io.credql.call.Page;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.document.MethodDefinition;
import io.credql.error.CredqlException;
import io.credql.redact.Redactor;
import io.credql.session.CredqlSession;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Makes the calls of EXEC and DML statements: all pages of a read, one request of a mutation, or,
 * in a dry run, a description of the request a mutation would send (method, URL, body with
 * secrets masked) without sending anything.
 */
final class CallRunner {
  /** Columns of a dry run's result: one row per request that would be sent. */
  static final List<ResultColumn> DRY_RUN_COLUMNS = List.of(ResultColumn.varchar("method"),
      ResultColumn.varchar("url"), ResultColumn.varchar("body"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CredqlSession session;

  CallRunner(CredqlSession session) {
    this.session = requireNonNull(session, "session");
  }

  /** Whether {@code method} would only be described, not called, in this connection. */
  boolean isDryRun(MethodDefinition method) {
    return method.isMutation() && session.properties().dryRun();
  }

  /** The dry-run row of {@code call}: what would be sent, secrets masked. Nothing is sent. */
  Object[] describe(BoundCall call) throws CredqlException {
    final PreparedRequest request = client(call).prepare(call);
    final Redactor redactor = session.redactor();
    String body = null;
    if (request.body() != null) {
      try {
        final JsonNode tree = JSON.readTree(request.body());
        redactor.registerSensitiveValues(tree);
        body = redactor.mask(tree).toString();
      } catch (IOException e) {
        body = Redactor.MASK;
      }
    }
    return new Object[] {request.method(), redactor.redact(maskQuery(request.url())), body};
  }

  /** The pages of {@code call}'s response: every page of a read, the one response of a mutation. */
  List<Page> call(BoundCall call, boolean allPages) throws CredqlException {
    final ProviderClient client = client(call);
    if (call.body() != null) {
      session.redactor().registerSensitiveValues(call.body());
    }
    final List<Page> pages = new ArrayList<>();
    PreparedRequest request = client.prepare(call);
    while (request != null) {
      final Page page = client.fetch(request);
      pages.add(page);
      request = allPages && !call.method().isMutation() ? page.next() : null;
    }
    return pages;
  }

  private ProviderClient client(BoundCall call) throws CredqlException {
    return session.client(call.method().resource().service().provider().name());
  }

  private static String maskQuery(HttpUrl url) {
    final HttpUrl.Builder builder = url.newBuilder();
    for (String name : url.queryParameterNames()) {
      if (Redactor.isSensitiveName(name)) {
        builder.setQueryParameter(name, Redactor.MASK);
      }
    }
    return builder.build().toString();
  }
}
