package io.credql.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged {@code target/credql.jar} as users get it: run with {@code java -jar} in a process
 * of its own, and loaded as a JDBC driver jar the way a BI tool loads one.
 */
class CredqlJarIT {
  private static final Path JAR = CredqlJar.JAR;

  private static AcmeApi api;

  @TempDir Path home;

  @BeforeAll static void start() {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
    api = new AcmeApi();
  }

  @AfterAll static void stop() {
    api.close();
  }

  private CliRun javaJar(String... args) throws Exception {
    final List<String> command = CredqlJar.command("-Duser.home=" + home);
    command.addAll(List.of(args));
    final Path out = home.resolve("stdout");
    final Path err = home.resolve("stderr");
    final ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(home.resolve("stdin")).toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("CREDQL_TEST_TOKEN", AcmeApi.TOKEN);
    builder.environment().put("HOME", home.toString());
    final Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("credql.jar did not finish: " + command);
    }
    return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test void theJarRunsAStatementAndPrintsCsvRows() throws Exception {
    final CliRun run = javaJar("-u", api.jdbcUrl(), "-e",
        "SELECT id, label FROM acme.things.things WHERE id = 1;"
            + " SELECT password FROM acme.things.thing_secrets WHERE thingId = 3",
        "--output", "csv");
    assertEquals(0, run.status(), run::toString);
    assertEquals("id,label\n1,plain\npassword\npw-of-3\n", run.out());
  }

  @Test void showResourcesOnTheSandboxPrintsValidJson() throws Exception {
    final CliRun run = javaJar("--sandbox", "-e", "SHOW RESOURCES IN linode.databases", "--output", "json");
    assertEquals(0, run.status(), run::toString);
    final com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertTrue(json.isArray(), run::toString);
    final List<String> names = new ArrayList<>();
    json.forEach(resource -> names.add(resource.get("name").asText()));
    assertEquals(List.of("postgresql_instances", "postgresql_instances_credentials", "mysql_instances",
        "mysql_instances_credentials"), names);
  }

  @Test void theJarExitsWithStatusOneWhenAStatementFails() throws Exception {
    final CliRun run = javaJar("-u", api.jdbcUrl(), "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 7;\nSELECT password FROM acme.things.thing_secrets");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.out().contains("seven"), run::toString);
    assertTrue(run.err().contains("Error in statement 2 (line 2): "), run::toString);
  }

  @Test void theJarLoadedByItsOwnClassLoaderIsAJdbcDriver() throws Exception {
    try (URLClassLoader jar = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      final Driver driver = (Driver) jar.loadClass("io.credql.jdbc.Driver")
          .getDeclaredConstructor().newInstance();
      assertTrue(driver.acceptsURL("jdbc:credql:"));
      assertTrue(ServiceLoader.load(Driver.class, jar).stream()
              .anyMatch(provider -> provider.type().getName().equals("io.credql.jdbc.Driver")),
          "META-INF/services/java.sql.Driver names credql's driver");

      final Properties properties = new Properties();
      properties.setProperty("providers", AcmeApi.providers().toString());
      properties.setProperty("baseUrl.acme", api.baseUrl());
      try (Connection connection = driver.connect("jdbc:credql:", properties);
           Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery(
               "SELECT label FROM acme.things.things WHERE thingId = 7")) {
        assertTrue(rows.next());
        assertEquals("seven", rows.getString(1));
      }
    }
  }
}
