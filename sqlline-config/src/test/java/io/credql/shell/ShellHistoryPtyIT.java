package io.credql.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.credql.shell.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real shell in a real terminal: {@code java -jar credql.jar --sandbox} run under
 * {@code script}, which gives it a pseudo-terminal, with statements typed into it; then the history
 * file is read.
 */
class ShellHistoryPtyIT {

  @TempDir Path home;

  @Test void secretsTypedAtTheTerminalAreMaskedInTheHistoryFile() throws Exception {
    final String command = "HOME='" + home + "' " + CredqlJar.shellCommand("-Duser.home=" + home) + " --sandbox";
    final Process process = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null")
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("terminal").toFile())
        .start();
    final Path history = home.resolve(".credql").resolve("history");
    try (OutputStream keyboard = process.getOutputStream()) {
      waitFor(() -> Files.readString(home.resolve("terminal")).contains("!quit or Ctrl-D to leave"), 60);
      type(keyboard, "EXEC linode.databases.postgresql_instances_credentials."
          + "postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123, @password = 'Pty-Secret-77';\n");
      type(keyboard, "SELECT id, label FROM linode.databases.postgresql_instances WHERE label = 'orders-prod';\n");
      waitFor(() -> Files.isRegularFile(history) && Files.readString(history).contains("orders-prod"), 60);
      type(keyboard, "!quit\n");
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the shell ended");
    final String kept = Files.readString(history);
    final String terminal = Files.readString(home.resolve("terminal"));
    assertTrue(terminal.contains("orders-prod"), terminal);
    assertFalse(kept.contains("Pty-Secret-77"), kept);
    assertTrue(kept.contains("@password = '********'"), kept);
    assertTrue(kept.contains("WHERE label = 'orders-prod'"), kept);
  }

  private static void type(OutputStream keyboard, String line) throws Exception {
    keyboard.write(line.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }
}
