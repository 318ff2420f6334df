package io.credql.jdbc;

import static java.util.Objects.requireNonNull;

import io.credql.audit.AuditLog;
import io.credql.session.ProviderCatalog;
import io.credql.redact.Redactor;
import io.credql.call.CallProgress;
import io.credql.call.StatementCalls;
import io.credql.session.CredqlSession;
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
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a Calcite connection and everything it hands out (statements, result sets, metadata) so
 * that every error leaves as a clean {@link java.sql.SQLException} (see {@link JdbcErrors}) —
 * including errors raised while rows are read — and so that the connection's session is closed
 * with it.
 */
final class JdbcProxies {
  private JdbcProxies() {
  }

  static Connection connection(Connection delegate, CredqlSession session) {
    return (Connection) proxy(Connection.class, delegate, session, null);
  }

  private static Object proxy(Class<?> type, Object delegate, CredqlSession session, @Nullable Object parent) {
    return Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
        new Handler(type, delegate, session, parent));
  }

  /** Forwards calls, translating errors and wrapping returned JDBC objects. */
  private static final class Handler implements InvocationHandler {
    private final Class<?> type;
    private final Object delegate;
    private final CredqlSession session;
    private final @Nullable Object parent;
    /** The session's warnings this object has handed out, kept until {@code clearWarnings}. */
    private @Nullable SQLWarning sessionWarnings;
    /** Of a statement: the threads now running it or reading its rows, whose calls {@code cancel} stops. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    Handler(Class<?> type, Object delegate, CredqlSession session, @Nullable Object parent) {
      this.type = type;
      this.delegate = delegate;
      this.session = session;
      this.parent = parent;
    }

    /**
     * The parts of the session a credql-aware caller may unwrap: the {@link Redactor} the shell
     * masks its history with, the {@link CallProgress} its progress line reads, the
     * {@link ProviderCatalog} (which documents have been read), the {@link AuditLog} a server names
     * its user in, the {@link CredqlSession} whose clock a test replaces.
     */
    private @Nullable Object part(Object type) {
      if (type == CredqlSession.class) {
        return session;
      }
      if (type == Redactor.class) {
        return session.redactor();
      }
      if (type == CallProgress.class) {
        return session.progress();
      }
      if (type == ProviderCatalog.class) {
        return session.catalog();
      }
      if (type == AuditLog.class) {
        return session.auditLog();
      }
      return null;
    }

    // null is what a void method, or one that returned null, hands back through a proxy
    @Override public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
      case "unwrap":
        if (args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        if (args != null && args.length == 1 && part(args[0]) != null) {
          return part(args[0]);
        }
        break;
      case "isWrapperFor":
        if (args != null && args.length == 1
            && (((Class<?>) args[0]).isInstance(proxy) || part(args[0]) != null)) {
          return true;
        }
        break;
      case "getConnection":
        if (args == null || args.length == 0) {
          if (parent instanceof Connection) {
            return parent;
          }
          if (parent instanceof Statement) {
            return ((Statement) parent).getConnection();
          }
          if (parent instanceof DatabaseMetaData) {
            return ((DatabaseMetaData) parent).getConnection();
          }
        }
        break;
      case "getStatement":
        if (parent instanceof Statement && (args == null || args.length == 0)) {
          return parent;
        }
        break;
      case "equals":
        return args != null && proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "credql " + type.getSimpleName();
      default:
        break;
      }
      final Handler statement = statement();
      final boolean tracked = statement != null && !method.getName().equals("cancel")
          && statement.running.add(Thread.currentThread());
      final Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        // Method.invoke wraps what the method threw: the cause is always there
        throw JdbcErrors.translate(requireNonNull(e.getCause(), "cause"), session.redactor());
      } finally {
        if (tracked && statement != null) {
          statement.running.remove(Thread.currentThread());
        }
      }
      if (method.getName().equals("cancel") && statement != null) {
        // Calcite's cancel only raises a flag; a call waiting for its answer would wait out its deadline
        StatementCalls.cancel(session.httpClient(), statement.running);
      }
      if (method.getName().equals("close") && type == Connection.class) {
        session.close();
      }
      if (method.getName().equals("getWarnings") && type != DatabaseMetaData.class) {
        return warnings((SQLWarning) result);
      }
      if (method.getName().equals("clearWarnings")) {
        sessionWarnings = null;
      }
      return wrap(proxy, method.getReturnType(), result);
    }

    /** The handler of the statement this object is or belongs to (a result set's), or null. */
    private @Nullable Handler statement() {
      if (Statement.class.isAssignableFrom(type)) {
        return this;
      }
      if (type == ResultSet.class && parent != null && Proxy.isProxyClass(parent.getClass())
          && Proxy.getInvocationHandler(parent) instanceof Handler owner) {
        return owner.statement();
      }
      return null;
    }

    /** {@code own} followed by what the session reported while this object's statement ran. */
    private synchronized @Nullable SQLWarning warnings(@Nullable SQLWarning own) {
      final SQLWarning taken = session.takeWarnings();
      if (taken != null) {
        if (sessionWarnings == null) {
          sessionWarnings = taken;
        } else {
          sessionWarnings.setNextWarning(taken);
        }
      }
      if (own == null) {
        return sessionWarnings;
      }
      for (SQLWarning w = own; w != null; w = w.getNextWarning()) {
        if (w == sessionWarnings) {
          return own;
        }
      }
      if (sessionWarnings != null) {
        own.setNextWarning(sessionWarnings);
      }
      return own;
    }

    private @Nullable Object wrap(Object proxy, Class<?> returnType, @Nullable Object result) {
      if (result == null) {
        return null;
      }
      if (returnType == Statement.class || returnType == PreparedStatement.class
          || returnType == CallableStatement.class || returnType == ResultSet.class
          || returnType == DatabaseMetaData.class) {
        return proxy(returnType, result, session, proxy);
      }
      return result;
    }
  }
}
