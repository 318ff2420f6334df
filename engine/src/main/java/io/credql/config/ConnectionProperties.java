package io.credql.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.error.InvalidInputException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The credql properties of a JDBC URL ({@code jdbc:credql:k=v;k=v}) or {@link Properties}, checked:
 * a bad value is an error naming the property.
 */
public final class ConnectionProperties {
  public static final String SANDBOX = "sandbox";
  public static final String BASE_URL = "baseUrl.";
  public static final String PROVIDERS = "providers";
  public static final String AUTH = "auth";
  public static final String CONCURRENCY = "concurrency";
  public static final String DRY_RUN = "dryRun";
  public static final String AUDIT_LOG = "auditLog";
  public static final String TIMEOUT = "timeout";
  public static final String PAGE_LIMIT = "pageLimit";
  /** {@code fail} (the default): a provider error in one call of a scan fails the query; {@code null}: see {@link #callErrorsAsRows()}. */
  public static final String ON_CALL_ERROR = "onCallError";
  public static final String AWAIT_TIMEOUT = "awaitTimeout";
  public static final String VIEWS = "views";
  /** Seconds a statement with {@code /*+ AWAIT *}{@code /} waits for its operation, by default. */
  public static final int DEFAULT_AWAIT_TIMEOUT_SECONDS = 600;
  /** Where REGISTRY LIST/PULL look: a URL or a directory (default StackQL's public registry). */
  public static final String REGISTRY = "registry";
  /** A PEM file of the Ed25519 certificates or public keys REGISTRY PULL trusts. */
  public static final String REGISTRY_TRUST = "registryTrust";
  /**
   * {@code sharedBudget=true}: the connection shares each provider account's concurrency limit and
   * 429 pause with every other such connection of the JVM (a {@code credql serve} server's clients),
   * and a call waits at most {@code timeout=} seconds for its place.
   */
  public static final String SHARED_BUDGET = "sharedBudget";
  /**
   * {@code maskSecrets=true}: secret values are masked as responses are read, before any SQL sees
   * them (a {@code credql serve} reader's connection), so no expression or filter can reveal one.
   */
  public static final String MASK_SECRETS = "maskSecrets";
  public static final int DEFAULT_CONCURRENCY = 16;
  /** Seconds a provider may take to answer one request, by default. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;
  /** Pages one call may read before credql refuses to go on (an error, never a silent stop). */
  public static final int DEFAULT_PAGE_LIMIT = 1000;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final boolean sandbox;
  private final Map<String, String> baseUrls;
  private final List<Path> providerDirectories;
  private final ObjectNode auth;
  private final int concurrency;
  private final boolean dryRun;
  private final @Nullable Path auditLog;
  private final int timeoutSeconds;
  private final int pageLimit;
  private final boolean callErrorsAsRows;
  private final int awaitTimeoutSeconds;
  private final @Nullable Path viewsDirectory;
  private final boolean viewsInMemory;
  private final @Nullable String registry;
  private final @Nullable Path registryTrust;
  private final boolean sharedBudget;
  private final boolean maskSecrets;

  private ConnectionProperties(boolean sandbox, Map<String, String> baseUrls,
      List<Path> providerDirectories, ObjectNode auth, int concurrency, boolean dryRun,
      @Nullable Path auditLog, int timeoutSeconds, int pageLimit, boolean callErrorsAsRows,
      int awaitTimeoutSeconds, @Nullable String views, @Nullable String registry,
      @Nullable Path registryTrust, boolean sharedBudget, boolean maskSecrets) {
    this.sandbox = sandbox;
    this.baseUrls = Map.copyOf(baseUrls);
    this.providerDirectories = List.copyOf(providerDirectories);
    this.auth = auth;
    this.concurrency = concurrency;
    this.dryRun = dryRun;
    this.auditLog = auditLog;
    this.timeoutSeconds = timeoutSeconds;
    this.pageLimit = pageLimit;
    this.callErrorsAsRows = callErrorsAsRows;
    this.awaitTimeoutSeconds = awaitTimeoutSeconds;
    this.viewsInMemory = "memory".equals(views);
    this.viewsDirectory = views == null || viewsInMemory ? null : Paths.get(views);
    this.registry = registry;
    this.registryTrust = registryTrust;
    this.sharedBudget = sharedBudget;
    this.maskSecrets = maskSecrets;
  }

  public static ConnectionProperties parse(Properties properties) throws InvalidInputException {
    final Map<String, String> baseUrls = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(BASE_URL)) {
        final String key = name.substring(BASE_URL.length());
        if (key.isEmpty()) {
          throw new InvalidInputException("property " + name
              + ": name the provider, as in baseUrl.linode=https://...");
        }
        baseUrls.put(key.toLowerCase(Locale.ROOT), properties.getProperty(name).trim());
      }
    }
    final List<Path> directories = new ArrayList<>();
    final String providers = properties.getProperty(PROVIDERS);
    if (providers != null && !providers.isBlank()) {
      for (String dir : providers.split(",")) {
        if (!dir.isBlank()) {
          directories.add(Paths.get(dir.trim()));
        }
      }
    }
    final String audit = properties.getProperty(AUDIT_LOG);
    return new ConnectionProperties(bool(properties, SANDBOX), baseUrls, directories,
        auth(properties.getProperty(AUTH)),
        wholeNumber(properties.getProperty(CONCURRENCY), CONCURRENCY, DEFAULT_CONCURRENCY, 1024),
        bool(properties, DRY_RUN), audit == null || audit.isBlank() ? null : Paths.get(audit.trim()),
        wholeNumber(properties.getProperty(TIMEOUT), TIMEOUT, DEFAULT_TIMEOUT_SECONDS, 3600),
        wholeNumber(properties.getProperty(PAGE_LIMIT), PAGE_LIMIT, DEFAULT_PAGE_LIMIT, 1_000_000),
        callErrorsAsRows(properties.getProperty(ON_CALL_ERROR)),
        wholeNumber(properties.getProperty(AWAIT_TIMEOUT), AWAIT_TIMEOUT,
            DEFAULT_AWAIT_TIMEOUT_SECONDS, 86400),
        views(properties.getProperty(VIEWS)),
        blankToNull(properties.getProperty(REGISTRY)),
        blankToNull(properties.getProperty(REGISTRY_TRUST)) == null ? null
            : Paths.get(properties.getProperty(REGISTRY_TRUST).trim()),
        bool(properties, SHARED_BUDGET), bool(properties, MASK_SECRETS));
  }

  private static boolean callErrorsAsRows(@Nullable String value) throws InvalidInputException {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("fail")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("null")) {
      return true;
    }
    throw new InvalidInputException("property " + ON_CALL_ERROR + " must be fail or null, not '" + value + "'");
  }

  /** {@code views=}: null for $HOME/.credql/views, "memory", or a directory. */
  private static @Nullable String views(@Nullable String value) throws InvalidInputException {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("home")) {
      return null;
    }
    if (value.trim().equalsIgnoreCase("memory")) {
      return "memory";
    }
    if (!Paths.get(value.trim()).isAbsolute()) {
      throw new InvalidInputException("property " + VIEWS + " must be home (views are kept in "
          + "$HOME/.credql/views), memory (views last as long as the connection) or an absolute "
          + "directory, not '" + value + "'");
    }
    return value.trim();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static boolean bool(Properties properties, String name) throws InvalidInputException {
    final String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      return false;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
    case "true":
      return true;
    case "false":
      return false;
    default:
      throw new InvalidInputException("property " + name + " must be true or false, not '" + value + "'");
    }
  }

  private static int wholeNumber(@Nullable String value, String name, int defaultValue, int max)
      throws InvalidInputException {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      final int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("property " + name
        + " must be a whole number from 1 to " + max + ", not '" + value + "'");
  }

  /** StackQL's {@code --auth}: a JSON object of provider → auth config naming environment variables. */
  private static ObjectNode auth(@Nullable String value) throws InvalidInputException {
    if (value == null || value.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    final JsonNode tree;
    try {
      tree = new ObjectMapper().readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("property auth is not valid JSON (" + e.getOriginalMessage()
          + "); expected e.g. {\"linode\": {\"type\": \"bearer\", \"credentialsenvvar\": \"LINODE_TOKEN\"}}");
    }
    if (!tree.isObject()) {
      throw new InvalidInputException("property auth must be a JSON object of provider name to auth settings");
    }
    final Iterator<Map.Entry<String, JsonNode>> providers = tree.fields();
    while (providers.hasNext()) {
      final Map.Entry<String, JsonNode> provider = providers.next();
      if (!provider.getValue().isObject()) {
        throw new InvalidInputException("property auth: the settings of " + provider.getKey()
            + " must be a JSON object");
      }
      final Iterator<Map.Entry<String, JsonNode>> settings = provider.getValue().fields();
      while (settings.hasNext()) {
        final Map.Entry<String, JsonNode> setting = settings.next();
        final String key = setting.getKey().toLowerCase(Locale.ROOT);
        if ((key.endsWith("envvar") || key.endsWith("_var") || key.endsWith("env_var"))
            && !ENV_NAME.matcher(setting.getValue().asText()).matches()) {
          throw new InvalidInputException("property auth: " + provider.getKey() + "." + setting.getKey()
              + " must be the name of an environment variable (letters, digits, _), never a secret value");
        }
      }
    }
    return (ObjectNode) tree;
  }

  public boolean sandbox() {
    return sandbox;
  }

  /** {@code baseUrl.<provider>[.<service>]} overrides, keys lower-cased. */
  public Map<String, String> baseUrls() {
    return baseUrls;
  }

  public List<Path> providerDirectories() {
    return providerDirectories;
  }

  /** Per-provider auth settings; empty when none were given. */
  public ObjectNode auth() {
    return auth;
  }

  /** {@code sharedBudget=true}: see {@link #SHARED_BUDGET}. */
  public boolean sharedBudget() {
    return sharedBudget;
  }

  /** {@code maskSecrets=true}: see {@link #MASK_SECRETS}. */
  public boolean maskSecrets() {
    return maskSecrets;
  }

  public int concurrency() {
    return concurrency;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public @Nullable Path auditLog() {
    return auditLog;
  }

  /** The {@code registry=} setting, or null for StackQL's public registry. */
  public @Nullable String registry() {
    return registry;
  }

  /** The {@code registryTrust=} PEM file, or null when none is trusted. */
  public @Nullable Path registryTrust() {
    return registryTrust;
  }

  /** Seconds a provider may take to answer one request before the attempt fails. */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** {@code pageLimit=}: the most pages one call reads; more is an error naming this property. */
  public int pageLimit() {
    return pageLimit;
  }

  /**
   * Whether a provider's error answering one call of a scan ({@code onCallError=null}) gives a
   * row of NULLs whose {@code _error} column names the status and reason, instead of failing the
   * query; every resource table then has that column.
   */
  public boolean callErrorsAsRows() {
    return callErrorsAsRows;
  }

  /** Seconds {@code /*+ AWAIT *}{@code /} waits for an asynchronous operation before it gives up. */
  public int awaitTimeoutSeconds() {
    return awaitTimeoutSeconds;
  }

  /** Whether views last only as long as the connection, instead of being kept for the user. */
  public boolean viewsInMemory() {
    return viewsInMemory;
  }

  /** Where views are kept when {@code views=} names a directory; null for the default. */
  public @Nullable Path viewsDirectory() {
    return viewsDirectory;
  }
}
