package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.AsyncOperationPoller;
import io.credql.spi.BoundCall;
import io.credql.call.Page;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.document.MethodDefinition;
import io.credql.audit.AuditLog;
import io.credql.audit.AuditWriteException;
import io.credql.document.ResourceDefinition;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderUnreachableException;
import io.credql.spi.RequestValidator;
import io.credql.redact.Redactor;
import io.credql.session.CredqlSession;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Makes the calls of EXEC and DML statements: all pages of a read, one request of a mutation, or,
 * in a dry run, a description of the request a mutation would send (method, URL, body with
 * secrets masked) without sending anything.
 */
final class CallRunner {
  /** Columns of a dry run's result: one row per request that would be sent. */
  private static final List<ResultColumn> DRY_RUN_COLUMNS = List.of(ResultColumn.varchar("method"),
      ResultColumn.varchar("url"), ResultColumn.varchar("body"));
  /** Columns of the requests an EXPLAIN lists: a dry run's, and the names of the request's headers. */
  static final List<ResultColumn> EXPLAINED_COLUMNS = List.of(ResultColumn.varchar("method"),
      ResultColumn.varchar("url"), ResultColumn.varchar("body"), ResultColumn.varchar("headers"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CredqlSession session;
  private final boolean explaining;

  CallRunner(CredqlSession session) {
    this(session, false);
  }

  private CallRunner(CredqlSession session, boolean explaining) {
    this.session = requireNonNull(session, "session");
    this.explaining = explaining;
  }

  /** A runner for EXPLAIN: every call, read or mutation, is described as in a dry run, none is sent. */
  static CallRunner explaining(CredqlSession session) {
    return new CallRunner(session, true);
  }

  /** Whether {@code method} would only be described, not called, in this connection. */
  boolean isDryRun(MethodDefinition method) {
    return explaining || method.isMutation() && session.properties().dryRun();
  }

  /** The columns of {@link #describe}'s rows. */
  List<ResultColumn> describedColumns() {
    return explaining ? EXPLAINED_COLUMNS : DRY_RUN_COLUMNS;
  }

  /**
   * The dry-run row of {@code call}: what would be sent, secrets masked (for EXPLAIN, with the
   * names of the headers besides those that carry credentials, which are added when sending).
   * Nothing is sent.
   */
  Object[] describe(BoundCall call) throws CredqlException {
    final PreparedRequest request = client(call).prepare(call);
    checkRules(call);
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
    final String url = redactor.redact(maskQuery(request.url()));
    if (!explaining) {
      return new Object[] {request.method(), url, body};
    }
    return new Object[] {request.method(), url, body,
        String.join(", ", new java.util.TreeSet<>(request.headers().keySet()))};
  }

  /**
   * The pages of {@code call}'s response: every page of a read, the one response of a mutation.
   * A mutation is checked against the provider's rules, recorded in the audit log before it is
   * sent and after, and sent once.
   */
  List<Page> call(BoundCall call, boolean allPages) throws CredqlException {
    checkRules(call);
    return callChecked(call, allPages);
  }

  /** Like {@link #call}, for a call whose rules {@link #checkRules} has already checked. */
  List<Page> callChecked(BoundCall call, boolean allPages) throws CredqlException {
    final ProviderClient client = client(call);
    if (call.body() != null) {
      session.redactor().registerSensitiveValues(call.body());
    }
    final PreparedRequest first = client.prepare(call);
    if (call.method().isMutation()) {
      return List.of(mutate(client, first));
    }
    final List<Page> pages = new ArrayList<>();
    PreparedRequest request = first;
    while (request != null) {
      final Page page = client.fetch(request);
      pages.add(page);
      request = allPages ? page.next() : null;
    }
    return pages;
  }

  /**
   * With {@code /*+ AWAIT *}{@code /}: waits for the asynchronous operation {@code page} (the
   * response to {@code call}) announces, and returns its final state (or the response itself
   * when the call finished at once).
   */
  @Nullable JsonNode await(BoundCall call, Page page) throws CredqlException {
    final ProviderClient client = client(call);
    return new AsyncOperationPoller(client, session.redactor(), session.progress(),
        Duration.ofSeconds(session.properties().awaitTimeoutSeconds()), session.clock())
        .await(client.prepare(call), page);
  }

  /**
   * Sends a mutation once, between its intent and its outcome in the audit log. What the user is
   * told of the call comes from the call itself: an outcome the log cannot record is reported in
   * addition (a warning beside the result, or the next exception after the call's own error),
   * never in place of it.
   */
  private Page mutate(ProviderClient client, PreparedRequest request) throws CredqlException {
    final BoundCall call = request.call();
    final AuditLog audit = session.auditLog();
    final String id = audit.intent(call, request.url().toString());
    final Page page;
    try {
      page = client.fetch(request);
    } catch (ProviderErrorException e) {
      throw recorded(e, id, call, AuditLog.Outcome.FAILED, e.httpStatus());
    } catch (ProviderUnreachableException | MissingCredentialException e) {
      throw recorded(e, id, call, AuditLog.Outcome.FAILED, 0);
    } catch (OutcomeUnknownException e) {
      // the status of a server error or a redirect is kept: the call was answered, just not with its outcome
      throw recorded(e, id, call, AuditLog.Outcome.UNKNOWN, e.getErrorCode());
    } catch (CredqlException e) {
      throw recorded(e, id, call, AuditLog.Outcome.UNKNOWN, 0);
    } catch (RuntimeException e) {
      try {
        audit.outcome(id, call, AuditLog.Outcome.UNKNOWN, 0, e.getClass().getSimpleName());
      } catch (AuditWriteException failure) {
        e.addSuppressed(failure);
      }
      throw e;
    }
    try {
      audit.outcome(id, call, AuditLog.Outcome.OK, page.status(), null);
    } catch (AuditWriteException e) {
      session.warn(new SQLWarning(e.getMessage(), e.getSQLState(), e));
    }
    return page;
  }

  /** {@code error}, after its outcome is recorded, with the audit log's failure chained to it. */
  private CredqlException recorded(CredqlException error, String id, BoundCall call,
      AuditLog.Outcome outcome, int status) {
    try {
      session.auditLog().outcome(id, call, outcome, status, error.getMessage());
    } catch (AuditWriteException e) {
      error.setNextException(e);
    }
    return error;
  }

  /** Runs the method's request validators; every violated rule is reported and nothing is sent. */
  void checkRules(BoundCall call) throws CredqlException {
    final MethodDefinition method = call.method();
    final List<String> problems = new ArrayList<>();
    for (String name : method.validators()) {
      final RequestValidator validator = session.validator(name);
      if (validator == null) {
        throw new InvalidInputException(method.id() + " names validator " + name
            + ", which no installed adapter provides; nothing was sent");
      }
      problems.addAll(validator.validate(call,
          (resource, read, inputs) -> read(call, resource, read, inputs)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(method.id() + ": " + String.join("; ", problems)
          + "; nothing was sent");
    }
  }

  /** A read a validator asks for: a GET method of a resource of the same service. */
  private @Nullable List<JsonNode> read(BoundCall call, String resourceName, String methodName,
      Map<String, Object> inputs) throws CredqlException {
    if (isDryRun(call.method())) {
      return null;
    }
    final ResourceDefinition resource = call.method().resource().service().resource(resourceName);
    final MethodDefinition method = resource == null ? null : resource.method(methodName);
    if (method == null || method.isMutation()) {
      throw new IllegalStateException("validator reads " + resourceName + "." + methodName
          + ", which is not a read method of " + call.method().resource().service());
    }
    final List<JsonNode> rows = new ArrayList<>();
    for (Page page : call(new BoundCall(method, inputs, null), true)) {
      rows.addAll(page.rows());
    }
    return rows;
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
