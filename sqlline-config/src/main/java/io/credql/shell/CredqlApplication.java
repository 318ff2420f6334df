package io.credql.shell;

import io.credql.jdbc.Driver;
import io.credql.session.CredqlSession;
import sqlline.Application;
import sqlline.SqlLine;
import sqlline.SqlLineOpts;

import java.util.Collection;
import java.util.List;

/**
 * What sqlline shows of itself inside credql's shell: credql's name and version in the greeting
 * and {@code !manual}, credql's driver and URLs for {@code !connect}. Installed by class name
 * ({@code -ac}), the one way sqlline offers, so it needs a public no-argument constructor.
 */
public class CredqlApplication extends Application {
  static final String GREETING = "credql " + CredqlSession.VERSION
      + " (sqlline): end statements with ;  !help for commands, !quit or Ctrl-D to leave";

  public CredqlApplication() {
  }

  @Override public String getInfoMessage() {
    return GREETING;
  }

  @Override public String getVersion() {
    return "credql " + CredqlSession.VERSION;
  }

  /**
   * The options the shell has already set. sqlline asks for fresh options when an application is
   * installed, which would drop the prompt, output format and history file chosen before.
   */
  @Override public SqlLineOpts getOpts(SqlLine sqlLine) {
    return sqlLine.getOpts();
  }

  @Override public List<String> allowedDrivers() {
    return List.of(Driver.class.getName());
  }

  @Override public Collection<String> getConnectionUrlExamples() {
    return List.of(Driver.CONNECT_STRING_PREFIX, Driver.CONNECT_STRING_PREFIX + "sandbox=true");
  }
}
