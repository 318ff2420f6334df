package io.credql.bench;

import static java.util.Objects.requireNonNull;

import io.credql.linode.DatabaseEngine;
import io.credql.linode.LinodeDataset;
import io.credql.linode.LinodeSimulator;
import io.credql.linode.ManagedDatabase;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the benchmarks of the fan-out issue against the Linode simulator and writes
 * {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}:
 * (a) a 500-database join at 50 ms per call against the ideal time, (b) the same fan-out by
 * {@code xargs -P <n> curl}, (c) the overhead of a warm prepared SELECT over a bare OkHttp GET,
 * (d) the requests of LIMIT 10 over a 1,000-page listing, (e) the peak heap of a 100,000-row
 * listing, (f) errors and achieved rate under a 50 requests/s limit, (g) StackQL's full Linode
 * document off the start-up path, (h) whole-process cold start of {@code ./credql -e}, (i) the
 * 10,000-call fan-out by concurrency, (j) the jar sizes, (k) a 100,000-call fan-out in a 256 MB heap. Each figure is written beside the previous
 * run's, read from the {@code benchmarks.md} it replaces.
 */
public final class Benchmarks {
  /**
   * Sections written by hand (what costs what at cold start and in a fan-out, how long the test suite takes) or
   * by bench/run-server (the team server): a run of bench/run keeps them, in this order, after its own.
   */
  private static final List<String> KEPT_SECTIONS = List.of("## What costs what at cold start",
      "## What costs what in a fan-out", "## Team server under load", "## Test suite");

  /** {@code bench/run --only=h,i256} runs those sections and prints their figures without writing the page. */
  private static final String ONLY = "--only=";
  static final String TOKEN = "bench-token";
  static final String TOKEN_VARIABLE = "CREDQL_BENCH_TOKEN";
  /** Another clone's launcher, whose cold start (h) measures in turn with ours. */
  static final String BASELINE_VARIABLE = "CREDQL_BENCH_BASELINE";
  static final String AUTH = "{\"linode\": {\"type\": \"bearer\", \"credentialsenvvar\": \"" + TOKEN_VARIABLE + "\"}}";
  private static final int DATABASES = 500;
  private static final int LATENCY_MS = 50;
  private static final int CONCURRENCY = 16;
  private static final int PAGE_SIZE = 100;
  static final String JOIN = "SELECT i.id, i.label, c.username "
      + "FROM linode.databases.postgresql_instances i "
      + "JOIN linode.databases.postgresql_instances_credentials c ON c.instanceId = i.id";

  private static final int SCALE_DATABASES = 10_000;
  private static final int[] SCALE_CONCURRENCIES = {16, 64, 256};

  private final List<Measurement> measurements = new ArrayList<>();
  private final Map<Integer, Double> sweep = new LinkedHashMap<>();
  private final Map<Integer, Double> ideal = new LinkedHashMap<>();
  private final Map<Integer, Double> scaleSweep = new LinkedHashMap<>();
  private final Map<Integer, Double> scaleIdeal = new LinkedHashMap<>();
  /** The most calls the fake held at once in the timed runs of (i), by concurrency. */
  private final Map<Integer, Integer> scalePeak = new LinkedHashMap<>();
  private double shellMillis;

  private Benchmarks() {
  }

  public static void main(String[] args) throws Exception {
    if (!TOKEN.equals(System.getenv(TOKEN_VARIABLE))) {
      throw new IllegalStateException("run through bench/run, which sets " + TOKEN_VARIABLE);
    }
    final String only = args.length > 0 && args[0].startsWith(ONLY) ? args[0].substring(ONLY.length()) : null;
    final Benchmarks benchmarks = new Benchmarks();
    if (only != null) {
      // an A/B comparison of some figures: printed only, the page keeps the last full run
      for (String section : only.split(",")) {
        benchmarks.section(section.trim());
      }
      return;
    }
    final Path docs = Paths.get(args.length > 0 ? args[0] : "docs");
    final Map<String, String> previous = PreviousRun.results(docs.resolve("benchmarks.md"));
    // (a) and (b) before the fan-outs of (i) and (k): their 10,000- and 100,000-database simulators
    // leave the JVM that also runs (a)'s simulator with a large heap to collect
    for (String section : List.of("h", "a", "i", "k", "j", "c", "d", "e", "f", "g")) {
      benchmarks.section(section);
    }
    benchmarks.write(docs, previous);
  }

  /** Runs the benchmark of one section of the page ("a" also measures (b)). */
  private void section(String name) throws Exception {
    switch (name) {
      case "h": coldStart(); break;
      case "i": fanOutAtScale(SCALE_CONCURRENCIES); break;
      case "i16": case "i64": case "i256": fanOutAtScale(Integer.parseInt(name.substring(1))); break;
      case "k": hugeFanOut(); break;
      case "j": jarSizes(); break;
      case "a": case "b": fanOut(); break;
      case "c": overhead(); break;
      case "d": limit(); break;
      case "e": memory(); break;
      case "f": rateLimited(); break;
      case "g": registry(); break;
      default: throw new IllegalArgumentException("no benchmark section '" + name + "': use a to k, or i16, i64"
          + " or i256 for one concurrency of (i)");
    }
  }

  private static LinodeDataset databases(int count) {
    final List<ManagedDatabase> databases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      databases.add(ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 100_000 + i, "db-" + i).build());
    }
    return LinodeDataset.of(databases);
  }

  private static Connection connect(LinodeSimulator simulator, int concurrency) throws SQLException {
    return connect(simulator.baseUrl(), concurrency);
  }

  static Connection connect(String baseUrl, int concurrency) throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.linode", baseUrl);
    properties.setProperty("auth", AUTH);
    properties.setProperty("concurrency", Integer.toString(concurrency));
    return DriverManager.getConnection("jdbc:credql:", properties);
  }

  private static long count(Statement statement, String sql) throws SQLException {
    long rows = 0;
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }

  /** (a) and (b): the join at 50 ms per call, over concurrencies, and the shell baseline. */
  private void fanOut() throws Exception {
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN).dataset(databases(DATABASES))
        .latency(Duration.ofMillis(LATENCY_MS)).build().start()) {
      for (int concurrency : new int[] {4, 8, 16, 32, 64}) {
        try (Connection c = connect(simulator, concurrency); Statement s = c.createStatement()) {
          final int runs = concurrency == CONCURRENCY ? 7 : 3;
          final long[] nanos = new long[runs];
          count(s, JOIN);
          final long cpu = CpuTime.processNanos();
          for (int i = 0; i < runs; i++) {
            final long started = System.nanoTime();
            final long rows = count(s, JOIN);
            nanos[i] = System.nanoTime() - started;
            if (rows != DATABASES) {
              throw new IllegalStateException("the join returned " + rows + " rows");
            }
          }
          // the CPU a call cost says whether a slower run did more work or waited for a core longer
          final double cpuPerCall = (CpuTime.processNanos() - cpu) / 1e6 / runs / DATABASES;
          sweep.put(concurrency, new Samples(nanos).medianMillis());
          ideal.put(concurrency, idealMillis(concurrency));
          System.err.printf(Locale.ROOT, "(a) concurrency %d: %.0f ms (ideal %.0f ms); CPU per call %.3f ms,"
              + " credql and the simulator (one JVM); load average %s%n", concurrency,
              sweep.get(concurrency), ideal.get(concurrency), cpuPerCall, loadAverage());
        }
      }
      final double credql = requireNonNull(sweep.get(CONCURRENCY), "the sweep measures CONCURRENCY");
      final double best = requireNonNull(ideal.get(CONCURRENCY), "the sweep measures CONCURRENCY");
      measurements.add(new Measurement("a", "join of " + DATABASES + " databases to their credentials, "
          + LATENCY_MS + " ms per call, concurrency " + CONCURRENCY + " (median of 7 warm runs)",
          "≤ 1.25 × ideal (" + format(best) + " ms)", format(credql) + " ms = " + ratio(credql / best)
          + " × ideal", credql <= 1.25 * best));
      final long[] shell = new long[5];
      shellBaseline(simulator);
      for (int i = 0; i < shell.length; i++) {
        final long started = System.nanoTime();
        shellBaseline(simulator);
        shell[i] = System.nanoTime() - started;
      }
      shellMillis = new Samples(shell).medianMillis();
      System.err.printf(Locale.ROOT, "(b) shell: %.0f ms%n", shellMillis);
      measurements.add(new Measurement("b", "the same fan-out by `curl` for the pages piped into `xargs -P " + CONCURRENCY
          + " curl` (median of 5)", "credql ≤ 1.1 × shell", "shell " + format(shellMillis) + " ms; credql / shell = "
          + ratio(credql / shellMillis), credql <= 1.1 * shellMillis));
    }
  }

  private static double idealMillis(int concurrency) {
    return idealMillis(DATABASES, concurrency);
  }

  /** Listing the pages one after another, then the calls in waves of {@code concurrency}. */
  private static double idealMillis(int databases, int concurrency) {
    final int pages = (databases + PAGE_SIZE - 1) / PAGE_SIZE;
    return pages * LATENCY_MS + Math.ceil((double) databases / concurrency) * LATENCY_MS;
  }

  /** Lists the pages with curl, then fetches every database's credentials with xargs -P. */
  private static void shellBaseline(LinodeSimulator simulator) throws IOException, InterruptedException {
    final int pages = (DATABASES + PAGE_SIZE - 1) / PAGE_SIZE;
    final String script = "set -eo pipefail; for p in $(seq 1 " + pages + "); do "
        + "curl -sf -H \"Authorization: Bearer $T\" \"$U/databases/postgresql/instances?page=$p\"; echo; done"
        + " | grep -o '\"id\": *[0-9]*' | grep -o '[0-9]*$'"
        + " | xargs -P " + CONCURRENCY + " -I{} curl -sf -o /dev/null -H \"Authorization: Bearer $T\""
        + " \"$U/databases/postgresql/instances/{}/credentials\"";
    final ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().put("T", TOKEN);
    builder.environment().put("U", simulator.baseUrl());
    final Process process = builder.start();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the shell baseline failed: " + output);
    }
  }

  /** (c): a warm prepared SELECT making one call, against a bare OkHttp GET of the same URL. */
  private void overhead() throws Exception {
    final int warmup = 2000;
    final int runs = 5000;
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN)
        .dataset(LinodeDataset.demo()).build().start()) {
      final long[] credql = new long[runs];
      try (Connection c = connect(simulator, CONCURRENCY);
           PreparedStatement ps = c.prepareStatement("SELECT username, password "
               + "FROM linode.databases.postgresql_instances_credentials WHERE instanceId = ?")) {
        for (int i = 0; i < warmup + runs; i++) {
          final long started = System.nanoTime();
          ps.setLong(1, 123);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(2) == null) {
              throw new IllegalStateException("no credentials");
            }
          }
          if (i >= warmup) {
            credql[i - warmup] = System.nanoTime() - started;
          }
        }
      }
      final long[] bare = new long[runs];
      final OkHttpClient client = new OkHttpClient();
      final Request request = new Request.Builder()
          .url(simulator.baseUrl() + "/databases/postgresql/instances/123/credentials")
          .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json").build();
      for (int i = 0; i < warmup + runs; i++) {
        final long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
          if (response.body().string().isEmpty()) {
            throw new IllegalStateException("empty");
          }
        }
        if (i >= warmup) {
          bare[i - warmup] = System.nanoTime() - started;
        }
      }
      final double query = new Samples(credql).medianMillis();
      final double get = new Samples(bare).medianMillis();
      System.err.printf(Locale.ROOT, "(c) prepared SELECT %.3f ms, bare GET %.3f ms%n", query, get);
      measurements.add(new Measurement("c", "warm `PreparedStatement` SELECT of one database's credentials, "
          + "zero latency, median of " + runs + ", over a bare OkHttp GET of the same URL",
          "≤ 1 ms overhead", String.format(Locale.ROOT, "%.3f ms (query %.3f ms, GET %.3f ms)",
              query - get, query, get), query - get <= 1.0));
    }
  }

  /** (d): LIMIT 10 over a 1,000-page listing. */
  private void limit() throws Exception {
    final int pageSize = 25;
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN)
        .dataset(databases(1000 * pageSize))
        .pageSizes(new LinodeSimulator.PageSizeBounds(25, 500, pageSize)).build().start();
         Connection c = connect(simulator, CONCURRENCY); Statement s = c.createStatement()) {
      simulator.resetRequests();
      final long rows = count(s, "SELECT id, label FROM linode.databases.postgresql_instances LIMIT 10");
      final int requests = simulator.requestCount();
      System.err.printf(Locale.ROOT, "(d) %d rows, %d requests%n", rows, requests);
      measurements.add(new Measurement("d", "`LIMIT 10` over a listing of 1,000 pages (25,000 databases, "
          + pageSize + " per page)", "exactly 1 request", requests + " request(s), " + rows + " rows",
          requests == 1 && rows == 10));
    }
  }

  /** (e): the peak heap of a 100,000-row listing, read in a JVM limited to 256 MB. */
  private void memory() throws Exception {
    final int databases = 100_000;
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN).dataset(databases(databases))
        .requestJournalLimit(1000).build().start()) {
      final Map<String, Long> values = child(ListingChild.class, "-Xmx256m", "rows=", simulator.baseUrl());
      final boolean ok = values.containsKey("rows");
      final long rows = values.getOrDefault("rows", 0L);
      final double peakMb = values.getOrDefault("peakHeapBytes", 0L) / (1024.0 * 1024.0);
      final double seconds = values.getOrDefault("nanos", 0L) / 1e9;
      System.err.printf(Locale.ROOT, "(e) %d rows, peak heap %.1f MB, %.1f s%n", rows, peakMb, seconds);
      measurements.add(new Measurement("e", "a 100,000-row listing (200 pages of 500) read in a JVM started with `-Xmx256m`",
          "≤ 256 MB peak heap", String.format(Locale.ROOT, "%.0f MB peak heap, %d rows in %.1f s", peakMb, rows, seconds),
          ok && rows == databases && peakMb <= 256));
    }
  }

  /** (f): a 500-call fan-out against a simulator allowing 50 requests a second. */
  private void rateLimited() throws Exception {
    final int limit = 50;
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN).dataset(databases(DATABASES))
        .rateLimit(limit).build().start();
         Connection c = connect(simulator, CONCURRENCY); Statement s = c.createStatement()) {
      Thread.sleep(1100);
      simulator.resetRequests();
      int errors = 0;
      long rows = 0;
      final long started = System.nanoTime();
      try {
        rows = count(s, JOIN);
      } catch (SQLException e) {
        errors++;
        System.err.println("(f) error: " + e.getMessage());
      }
      final double seconds = (System.nanoTime() - started) / 1e9;
      final int throttled = simulator.requestCount() - (DATABASES + (DATABASES + PAGE_SIZE - 1) / PAGE_SIZE);
      final double rate = (DATABASES + (DATABASES + PAGE_SIZE - 1) / PAGE_SIZE) / seconds;
      System.err.printf(Locale.ROOT, "(f) %d rows, %d errors, %.1f requests/s, %d throttled answers%n",
          rows, errors, rate, throttled);
      measurements.add(new Measurement("f", "the join (" + (DATABASES + 5) + " requests) against a simulator "
          + "allowing " + limit + " requests/s (429 + `Retry-After` beyond)", "0 errors, ≥ 85 % of the allowed rate",
          String.format(Locale.ROOT, "%d errors, %.1f requests/s = %.0f %% (%d answers were 429)", errors, rate,
              100 * rate / limit, throttled), errors == 0 && rows == DATABASES && rate >= 0.85 * limit));
    }
  }

  /**
   * Runs {@code main} in a JVM of its own with one JVM option and its arguments, and reads the
   * {@code name=value} pairs of its output line starting with {@code marker}; empty if it failed.
   */
  private static Map<String, Long> child(Class<?> main, String jvmOption, String marker, String... arguments)
      throws IOException, InterruptedException {
    final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    final List<String> command = new ArrayList<>(List.of(java, jvmOption, "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(arguments));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = "";
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith(marker)) {
          result = line;
        } else {
          System.err.println("  " + main.getSimpleName() + ": " + line);
        }
      }
    }
    final Map<String, Long> values = new LinkedHashMap<>();
    if (process.waitFor() != 0) {
      return values;
    }
    for (String part : result.split(" ")) {
      final String[] pair = part.split("=");
      if (pair.length == 2) {
        values.put(pair[0], Long.parseLong(pair[1]));
      }
    }
    return values;
  }

  /** (g): StackQL's full Linode document on {@code providers=}: off the start-up path, and its cost when read. */
  private void registry() throws Exception {
    final Path registry = Paths.get("conformance/stackql-registry/providers/src");
    final Path document = registry.resolve("linode/v00.00.00000/services/databases.yaml");
    final long bytes = Files.size(document);
    final Map<String, Long> values = child(RegistryChild.class, "-XX:TieredStopAtLevel=1", "connectNanos=",
        registry.toString());
    final double connect = values.getOrDefault("connectNanos", 0L) / 1e6;
    final double first = values.getOrDefault("firstStatementNanos", 0L) / 1e6;
    final double cold = values.getOrDefault("coldReadNanos", 0L) / 1e6;
    final double warm = values.getOrDefault("warmReadNanos", 0L) / 1e6;
    final long resources = values.getOrDefault("resources", 0L);
    final boolean offStartUp = values.getOrDefault("loadedByConnect", 1L) == 0;
    System.err.printf(Locale.ROOT, "(g) connect %.0f ms (document read: %s), first SHOW %.0f ms, read cold %.0f ms,"
        + " warm %.1f ms, %d resources%n", connect, !offStartUp, first, cold, warm, resources);
    measurements.add(new Measurement("g", "StackQL's full Linode `databases.yaml` (" + bytes / 1024
        + " KB) on `providers=`, in a fresh JVM with the shell's `-XX:TieredStopAtLevel=1`",
        "not read when connecting, only by a statement naming linode",
        String.format(Locale.ROOT, "reading the document and every resource's columns: %.0f ms cold, %.1f ms"
            + " warm (median of 10); connect %.0f ms without reading it; first `SHOW RESOURCES IN linode.databases`"
            + " %.0f ms (%d resources, Calcite's first statement included)", cold, warm, connect, first, resources),
        offStartUp && resources > 0));
  }

  /** (h): a fresh {@code ./credql -e} process per run, as a script or CI job starts it. */
  private void coldStart() throws Exception {
    final int runs = 10;
    final int joined = 400;
    try (LinodeSimulator instant = LinodeSimulator.builder().token(TOKEN).dataset(databases(joined)).build().start();
         LinodeSimulator slow = LinodeSimulator.builder().token(TOKEN).dataset(databases(joined))
             .latency(Duration.ofMillis(100)).build().start()) {
      final StringBuilder in = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        in.append(i > 0 ? ", " : "").append(100_000 + i);
      }
      final double values = cliMillis(instant, "VALUES 1", runs);
      final double oneCall = cliMillis(instant, "SELECT username, password FROM "
          + "linode.databases.postgresql_instances_credentials WHERE instanceId = 100000", runs);
      final double twentyIn = cliMillis(instant, "SELECT instanceId, username FROM "
          + "linode.databases.postgresql_instances_credentials WHERE instanceId IN (" + in + ")", runs);
      final double join = cliMillis(slow, JOIN, runs);
      final double joinIdeal = (joined + PAGE_SIZE - 1) / PAGE_SIZE * 100.0 + Math.ceil(joined / 16.0) * 100;
      System.err.printf(Locale.ROOT, "(h) VALUES 1 %.0f ms, one call %.0f ms, IN of 20 %.0f ms, join of %d %.0f ms%n",
          values, oneCall, twentyIn, joined, join);
      measurements.add(new Measurement("h1", "`./credql -e \"VALUES 1\"`, whole process (median of " + runs + ")",
          "for reference", format(values) + " ms", true));
      measurements.add(new Measurement("h2", "`./credql -e` of a one-call SELECT (a database's credentials), whole "
          + "process (median of " + runs + ")", "≤ 1000 ms", format(oneCall) + " ms", oneCall <= 1000));
      measurements.add(new Measurement("h3", "`./credql -e` of a SELECT with a 20-value `IN` (20 calls), whole process "
          + "(median of " + runs + ")", "for reference", format(twentyIn) + " ms", true));
      measurements.add(new Measurement("h4", "`./credql -e` of the join of " + joined + " databases at 100 ms per call, "
          + "concurrency 16, whole process (median of " + runs + ")", "≤ 1.1 × (ideal " + format(joinIdeal)
          + " ms) + the one-call start (h2)", format(join) + " ms = " + ratio((join - oneCall) / joinIdeal)
          + " × ideal after start", join - oneCall <= 1.1 * joinIdeal));
    }
  }

  /**
   * Median wall time of {@code runs} fresh {@code ./credql} processes running {@code sql} against
   * {@code simulator}. With {@value #BASELINE_VARIABLE} set to another clone's {@code credql}, each run
   * of ours is followed by one of that launcher's (an A/B in the same minute, as the machine's load
   * drifts), and both medians are printed.
   */
  private static double cliMillis(LinodeSimulator simulator, String sql, int runs) throws IOException, InterruptedException {
    final String baseline = System.getenv(BASELINE_VARIABLE);
    final long[] nanos = new long[runs];
    final long[] baselineNanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      // in turn, and each launcher first every other run, so neither always follows the other
      if (baseline != null && i % 2 == 1) {
        baselineNanos[i] = cliNanos(baseline, simulator, sql);
      }
      nanos[i] = cliNanos("./credql", simulator, sql);
      if (baseline != null && i % 2 == 0) {
        baselineNanos[i] = cliNanos(baseline, simulator, sql);
      }
    }
    final double median = new Samples(nanos).medianMillis();
    if (baseline != null) {
      System.err.printf(Locale.ROOT, "(h) %s: ./credql %.0f ms, %s %.0f ms (load %.1f)%n", sql, median, baseline,
          new Samples(baselineNanos).medianMillis(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    return median;
  }

  /** Wall time of one {@code launcher} process running {@code sql} against {@code simulator}. */
  private static long cliNanos(String launcher, LinodeSimulator simulator, String sql)
      throws IOException, InterruptedException {
    final ProcessBuilder builder = new ProcessBuilder(launcher, "--property", "baseUrl.linode=" + simulator.baseUrl(),
        "--property", "auth=" + AUTH, "--output", "csv", "-e", sql)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false);
    final long started = System.nanoTime();
    final Process process = builder.start();
    final String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(launcher + " failed on " + sql + ": " + errors);
    }
    return System.nanoTime() - started;
  }

  /**
   * (i): the join over 10,000 databases at 50 ms per call, by concurrency. The simulator's answers
   * are replayed by a {@link DelayedReplayServer}, which holds hundreds of requests for 50 ms from a
   * scheduler at almost no CPU: WireMock's own work per request (about a millisecond of a core)
   * would otherwise take most of what 2 cores give at 256 calls in flight, and be measured as ours.
   */
  private void fanOutAtScale(int... concurrencies) throws Exception {
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN).dataset(databases(SCALE_DATABASES))
        .requestJournalLimit(1000).build().start();
         DelayedReplayServer replay = new DelayedReplayServer(simulator.baseUrl(), TOKEN, LATENCY_MS)) {
      boolean warm = false;
      for (int concurrency : concurrencies) {
        try (Connection c = connect(replay.baseUrl(), concurrency); Statement s = c.createStatement()) {
          if (!warm) {
            // records the simulator's answers, and warms the JVM
            count(s, JOIN);
            warm = true;
          }
          final long[] nanos = new long[3];
          replay.forgetMostInFlight();
          final long processCpu = CpuTime.processNanos();
          final long fakeCpu = CpuTime.threadNanos(DelayedReplayServer.THREAD_NAMES);
          for (int i = 0; i < nanos.length; i++) {
            final long started = System.nanoTime();
            final long rows = count(s, JOIN);
            nanos[i] = System.nanoTime() - started;
            if (rows != SCALE_DATABASES) {
              throw new IllegalStateException("the join returned " + rows + " rows");
            }
          }
          final double fakeMillis = (CpuTime.threadNanos(DelayedReplayServer.THREAD_NAMES) - fakeCpu) / 1e6;
          final double clientMillis = (CpuTime.processNanos() - processCpu) / 1e6 - fakeMillis;
          final double best = idealMillis(SCALE_DATABASES, concurrency);
          final double credql = new Samples(nanos).medianMillis();
          scaleSweep.put(concurrency, credql);
          scaleIdeal.put(concurrency, best);
          final int peak = replay.mostInFlight();
          scalePeak.put(concurrency, peak);
          System.err.printf(Locale.ROOT, "(i) concurrency %d: %.0f ms (ideal %.0f ms), at most %d requests held "
              + "by the fake; CPU per call: credql %.3f ms, the fake %.3f ms (load average %s)%n", concurrency,
              credql, best, peak, clientMillis / nanos.length / SCALE_DATABASES,
              fakeMillis / nanos.length / SCALE_DATABASES, loadAverage());
          measurements.add(new Measurement("i" + concurrency, "join of " + SCALE_DATABASES + " databases to their "
              + "credentials, " + LATENCY_MS + " ms per call, concurrency " + concurrency + " (median of 3 warm runs)",
              "≤ 1.1 × ideal (" + format(best) + " ms), " + concurrency + " calls in flight", format(credql)
              + " ms = " + ratio(credql / best) + " × ideal, at most " + peak + " requests in flight",
              credql <= 1.1 * best && peak >= concurrency));
        }
      }
    }
  }

  /** The machine's load average over the last minute, as the figures are only comparable at similar load. */
  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** (k): the join over 100,000 databases, in a JVM limited to 256 MB, against the replayed simulator. */
  private void hugeFanOut() throws Exception {
    final int databases = 100_000;
    final int concurrency = 256;
    try (LinodeSimulator simulator = LinodeSimulator.builder().token(TOKEN).dataset(databases(databases))
        .requestJournalLimit(1000).build().start();
         DelayedReplayServer replay = new DelayedReplayServer(simulator.baseUrl(), TOKEN, LATENCY_MS)) {
      // records the simulator's answers, so that the measured run waits only for the latency
      try (Connection c = connect(replay.baseUrl(), concurrency); Statement s = c.createStatement()) {
        count(s, JOIN);
      }
      final Map<String, Long> values = child(FanOutChild.class, "-Xmx256m", "rows=", replay.baseUrl(),
          Integer.toString(concurrency));
      final long rows = values.getOrDefault("rows", 0L);
      final double peakMb = values.getOrDefault("peakHeapBytes", 0L) / (1024.0 * 1024.0);
      final double liveMb = values.getOrDefault("liveHeapBytes", 0L) / (1024.0 * 1024.0);
      final double millis = values.getOrDefault("nanos", 0L) / 1e6;
      final double best = idealMillis(databases, concurrency);
      System.err.printf(Locale.ROOT, "(k) %d rows, peak heap %.1f MB, live %.1f MB, %.0f ms (ideal %.0f ms)%n", rows,
          peakMb, liveMb, millis, best);
      measurements.add(new Measurement("k", "join of " + databases + " databases to their credentials, "
          + LATENCY_MS + " ms per call, concurrency " + concurrency + ", in a JVM started with `-Xmx256m`",
          "≤ 256 MB peak heap", String.format(Locale.ROOT, "%.0f MB peak heap (%.0f MB in use after a full "
              + "collection at row 90,000), %d rows in %.1f s = %s × ideal", peakMb, liveMb, rows, millis / 1000,
              ratio(millis / best)), rows == databases && peakMb <= 256));
    }
  }

  /** (j): the two artifacts users are given, as built by {@code bench/run}. */
  private void jarSizes() throws IOException {
    final double cli = Files.size(Paths.get("sqlline-config/target/credql.jar")) / (1024.0 * 1024.0);
    final double driver = Files.size(Paths.get("jdbc/target/credql-jdbc.jar")) / (1024.0 * 1024.0);
    System.err.printf(Locale.ROOT, "(j) credql.jar %.1f MB, credql-jdbc.jar %.1f MB%n", cli, driver);
    measurements.add(new Measurement("j1", "`jdbc/target/credql-jdbc.jar`, the slim driver (no simulator, WireMock or "
        + "Jetty)", "≤ 20 MB", String.format(Locale.ROOT, "%.1f MB", driver), driver <= 20));
    measurements.add(new Measurement("j2", "`sqlline-config/target/credql.jar`, the shell with the sandbox",
        "for reference", String.format(Locale.ROOT, "%.1f MB", cli), true));
  }

  private void write(Path docs, Map<String, String> previous) throws IOException {
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("benchmarks.svg"), Chart.svg("Join of " + DATABASES + " databases to their "
        + "credentials, " + LATENCY_MS + " ms per call", sweep, ideal, CONCURRENCY, shellMillis));
    Files.writeString(docs.resolve("benchmarks-scale.svg"), Chart.svg("Join of " + SCALE_DATABASES
        + " databases to their credentials, " + LATENCY_MS + " ms per call", scaleSweep, scaleIdeal, 0, 0));
    final StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Produced by `bench/run` (which rewrites this file and `benchmarks.svg`), against the Linode ")
        .append("simulator on loopback. Last run: ").append(LocalDate.now()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(".\n\n")
        .append("| | Measure | Target | Result | Met | Previous run |\n|---|---|---|---|---|---|\n");
    for (Measurement m : measurements) {
      md.append("| ").append(m.id()).append(" | ").append(m.what()).append(" | ").append(m.target())
          .append(" | ").append(m.result()).append(" | ").append(m.met() ? "yes" : "**no**").append(" | ")
          .append(previous.getOrDefault(m.id(), "—")).append(" |\n");
    }
    md.append("\n## Fan-out by concurrency\n\n")
        .append("The join of (a), ").append(DATABASES).append(" databases at ").append(LATENCY_MS)
        .append(" ms per call, by the connection's `concurrency`; ideal = pages × ").append(LATENCY_MS)
        .append(" ms + ⌈").append(DATABASES).append(" / concurrency⌉ × ").append(LATENCY_MS).append(" ms.\n\n")
        .append("![fan-out wall time by concurrency](benchmarks.svg)\n\n")
        .append("| concurrency | credql (ms) | ideal (ms) | credql / ideal |\n|---|---|---|---|\n");
    for (Map.Entry<Integer, Double> entry : sweep.entrySet()) {
      final double best = requireNonNull(ideal.get(entry.getKey()), "ideal has the sweep's keys");
      md.append("| ").append(entry.getKey()).append(" | ").append(format(entry.getValue())).append(" | ")
          .append(format(best)).append(" | ").append(ratio(entry.getValue() / best)).append(" |\n");
    }
    md.append("\nThe shell baseline of (b) at concurrency ").append(CONCURRENCY).append(": ")
        .append(format(shellMillis)).append(" ms.\n");
    md.append("\n## Fan-out at scale\n\n")
        .append("The join of (i), ").append(SCALE_DATABASES).append(" databases at ").append(LATENCY_MS)
        .append(" ms per call; ideal = pages × ").append(LATENCY_MS).append(" ms + ⌈").append(SCALE_DATABASES)
        .append(" / concurrency⌉ × ").append(LATENCY_MS).append(" ms. The simulator's answers are replayed by ")
        .append("`DelayedReplayServer` (the JDK's HTTP server), which holds every request ").append(LATENCY_MS)
        .append(" ms on a scheduler instead of a thread, so that the fake's own work is not measured as ours.\n\n")
        .append("![10,000-call fan-out by concurrency](benchmarks-scale.svg)\n\n")
        .append("| concurrency | credql (ms) | ideal (ms) | credql / ideal | most requests in flight |\n")
        .append("|---|---|---|---|---|\n");
    for (Map.Entry<Integer, Double> entry : scaleSweep.entrySet()) {
      final double best = requireNonNull(scaleIdeal.get(entry.getKey()), "the sweep and its ideal share keys");
      md.append("| ").append(entry.getKey()).append(" | ").append(format(entry.getValue())).append(" | ")
          .append(format(best)).append(" | ").append(ratio(entry.getValue() / best)).append(" | ")
          .append(scalePeak.get(entry.getKey())).append(" |\n");
    }
    final Path page = docs.resolve("benchmarks.md");
    if (Files.exists(page)) {
      final String before = Files.readString(page);
      for (String heading : KEPT_SECTIONS) {
        final int start = before.indexOf(heading);
        if (start >= 0) {
          final int end = before.indexOf("\n## ", start + heading.length());
          md.append('\n').append(end < 0 ? before.substring(start) : before.substring(start, end + 1));
        }
      }
    }
    Files.writeString(page, md.toString());
    System.err.println("wrote " + docs.resolve("benchmarks.md"));
  }

  private static String format(double millis) {
    return String.format(Locale.ROOT, "%.0f", millis);
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }
}
