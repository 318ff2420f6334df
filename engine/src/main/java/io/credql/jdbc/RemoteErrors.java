package io.credql.jdbc;

import org.apache.calcite.avatica.AvaticaSqlException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Wraps a connection to a {@code credql serve} server so that its errors read as a local
 * connection's: Avatica's client writes {@code Error 0 (42501) : Error while executing SQL "<the
 * statement>": Remote driver error: <the server's message>}, which would quote a password typed in
 * the statement into every log that records the error; credql's driver gives the server's message
 * and SQLSTATE alone.
 */
final class RemoteErrors {
  private static final String REMOTE = "Remote driver error: ";

  private RemoteErrors() {
  }

  static Connection wrap(Connection connection, RemoteCancel cancels) {
    return (Connection) Proxy.newProxyInstance(RemoteErrors.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Handler(Connection.class, connection, null, cancels));
  }

  /** The server's message of {@code e}, without Avatica's prefix nor the statement {@code sql}. */
  static SQLException clean(SQLException e, @Nullable String sql) {
    if (!(e instanceof AvaticaSqlException)) {
      return e;
    }
    String message = String.valueOf(((AvaticaSqlException) e).getErrorMessage());
    final int remote = message.indexOf(REMOTE);
    final String quoting = sql == null ? null : "Error while executing SQL \"" + sql + "\": ";
    if (quoting != null && message.startsWith(quoting)) {
      message = message.substring(quoting.length());
    } else if (remote >= 0) {
      message = message.substring(remote);
    }
    if (message.startsWith(REMOTE)) {
      message = withoutPrefix(message);
    } else if (remote < 0) {
      // "while preparing SQL: <the statement>": the server's message is only in its exception's text
      final String server = serverMessage((AvaticaSqlException) e);
      if (server != null) {
        message = server;
      }
    }
    if (sql != null && !sql.isEmpty() && message.contains(sql)) {
      message = message.replace(sql, "<the statement>");
    }
    // no cause: the original's message quotes the statement
    final SQLException cleaned = new SQLException(message, e.getSQLState(), e.getErrorCode());
    cleaned.setStackTrace(e.getStackTrace());
    return cleaned;
  }

  /** {@code message} without the {@code Remote driver error: } that Avatica's client puts before the server's. */
  static String withoutPrefix(String message) {
    return message.startsWith(REMOTE) ? message.substring(REMOTE.length()) : message;
  }

  /** The message of the server's refusal, as Avatica 1.27 writes it: {@code AvaticaRuntimeException: [Messsage: '...', Error code: ...}. */
  private static @Nullable String serverMessage(AvaticaSqlException e) {
    final String start = "AvaticaRuntimeException: [Messsage: '";
    final java.util.List<String> traces = e.getStackTraces();
    if (traces == null) {
      return null;
    }
    for (String trace : traces) {
      final int end = trace.indexOf("', Error code: ");
      if (trace.startsWith(start) && end > start.length()) {
        return trace.substring(start.length(), end);
      }
    }
    return null;
  }

  /** Forwards calls, cleaning errors and wrapping the statements, result sets and metadata handed out. */
  private static final class Handler implements InvocationHandler {
    private final Class<?> type;
    private final Object delegate;
    /** The statement this object belongs to (a result set's), or null. */
    private final @Nullable Handler statement;
    /** Of a statement: the text it last ran or was prepared with. */
    private volatile @Nullable String sql;
    private final RemoteCancel cancels;
    /** Of a statement: its executions under way (a close sent while none is would close it on the server). */
    private final AtomicInteger executing = new AtomicInteger();

    Handler(Class<?> type, Object delegate, @Nullable Handler statement, RemoteCancel cancels) {
      this.type = requireNonNull(type, "type");
      this.delegate = requireNonNull(delegate, "delegate");
      this.statement = statement;
      this.cancels = requireNonNull(cancels, "cancels");
    }

    @Override public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args)
        throws Throwable {
      final String name = method.getName();
      if (name.equals("equals")) {
        return args != null && proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      final Handler owner = statement != null ? statement : this;
      if (args != null && args.length > 0 && args[0] instanceof String text
          && (name.startsWith("execute") || name.startsWith("prepare") || name.equals("addBatch"))) {
        owner.sql = text;
      }
      if (name.equals("cancel") && Statement.class.isAssignableFrom(type) && executing.get() > 0) {
        // first: Avatica's cancel only raises the client's flag, and waits for the statement's lock, which
        // its execute holds until the server answers
        try {
          cancels.cancel(delegate);
        } catch (RuntimeException e) {
          throw new SQLException("the cancel did not reach the credql server, whose statement runs on: "
              + withoutPrefix(String.valueOf(e.getMessage())), "08006");
        }
      }
      final boolean executes = name.startsWith("execute") && Statement.class.isAssignableFrom(type);
      if (executes) {
        executing.incrementAndGet();
      }
      final Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        final Throwable cause = requireNonNull(e.getCause(), "cause");
        throw cause instanceof SQLException ? clean((SQLException) cause, owner.sql) : cause;
      } finally {
        if (executes) {
          executing.decrementAndGet();
        }
      }
      final Class<?> returned = method.getReturnType();
      if (result == null || !(returned == Statement.class || returned == PreparedStatement.class
          || returned == CallableStatement.class || returned == ResultSet.class
          || returned == DatabaseMetaData.class)) {
        return result;
      }
      final boolean ofThisStatement = returned == ResultSet.class && Statement.class.isAssignableFrom(type);
      final Handler child = new Handler(returned, result, ofThisStatement ? owner : null, cancels);
      if (returned == PreparedStatement.class || returned == CallableStatement.class) {
        child.sql = owner.sql;
      }
      return Proxy.newProxyInstance(RemoteErrors.class.getClassLoader(), new Class<?>[] {returned}, child);
    }
  }
}
