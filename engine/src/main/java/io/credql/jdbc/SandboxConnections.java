package io.credql.jdbc;

import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.spi.RunningSimulator;
import io.credql.spi.SandboxFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox each {@code sandbox=true} connection runs on, opened through the {@link SandboxFactory}
 * found on the class path and closed with its connection. The slim driver jar has no factory: there
 * the property fails with a message saying which jar has one.
 */
final class SandboxConnections {
  static final String ABSENT = "sandbox=true needs the simulators, which this driver jar does not include: "
      + "use credql.jar (the shell's jar, sqlline-config/target/credql.jar) or add credql-sandbox and "
      + "the credql-*-simulator jars to the class path";

  private static final Map<CredqlSession, RunningSimulator> OPEN = new ConcurrentHashMap<>();

  private SandboxConnections() {
  }

  /** Starts (or joins) the sandbox; the caller {@link #attach}es it to its session, or closes it. */
  static RunningSimulator open() throws InvalidInputException {
    final Iterator<SandboxFactory> factories =
        ServiceLoader.load(SandboxFactory.class, SandboxConnections.class.getClassLoader()).iterator();
    if (!factories.hasNext()) {
      throw new InvalidInputException(ABSENT);
    }
    return factories.next().open();
  }

  /** {@code sandbox} is closed when {@code session}'s connection closes. */
  static void attach(CredqlSession session, RunningSimulator sandbox) {
    OPEN.put(session, sandbox);
  }

  /** Closes the sandbox of {@code session}'s connection, if it has one. */
  static void close(CredqlSession session) {
    final RunningSimulator sandbox = OPEN.remove(session);
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
