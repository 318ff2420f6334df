package io.credql.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.credql.shell.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive shell in a real terminal running a fan-out of about a second: it shows how
 * many calls are done while they run, and erases that line before printing the rows.
 */
class ShellProgressPtyIT {

  @TempDir Path home;

  @Test void aLongFanOutShowsItsCallsDoneThenTheRows() throws Exception {
    try (AcmeApi api = new AcmeApi()) {
      // 24 calls, 2 at a time, 75 ms each: about 0.9 s, with the line shown after 100 ms, not 2 s
      api.answerSecretsAfter(75);
      final StringBuilder ids = new StringBuilder();
      for (int i = 1; i <= 24; i++) {
        ids.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
      }
      final String command = "HOME='" + home + "' " + CredqlJar.shellCommand("-Duser.home=" + home,
          "-D" + ProgressLine.DELAY_PROPERTY + "=100")
          + " -u '" + api.jdbcUrl() + ";concurrency=2'";
      final Path terminal = home.resolve("terminal");
      final Process process = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null")
          .redirectErrorStream(true)
          .redirectOutput(terminal.toFile())
          .start();
      try (OutputStream keyboard = process.getOutputStream()) {
        waitFor(() -> Files.readString(terminal).contains("!quit or Ctrl-D to leave"), 60);
        keyboard.write(("SELECT v.id, s.password FROM (VALUES " + ids + ") AS v(id)"
            + " JOIN acme.things.thing_secrets s ON s.thingId = v.id;\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        waitFor(() -> Files.readString(terminal).contains("pw-of-24"), 60);
        keyboard.write("!quit\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
      }
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the shell ended");
      final String shown = Files.readString(terminal);
      final int progress = shown.lastIndexOf(" calls done");
      assertTrue(progress > 0, "progress was shown:\n" + shown);
      assertTrue(shown.matches("(?s).*\rcredql: \\d+/24 calls done.*"), shown);
      final String erased = shown.substring(progress);
      assertTrue(erased.matches("(?s) calls done *\r +\r.*"), "the line is erased:\n" + erased);
      assertTrue(shown.indexOf("pw-of-1") > progress, "the rows come after it:\n" + shown);
    }
  }
}
