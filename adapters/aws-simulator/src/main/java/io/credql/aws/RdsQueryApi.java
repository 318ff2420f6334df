package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * RDS's Query API as far as master credentials go: {@code DescribeDBInstances} and
 * {@code DescribeDBClusters} (paged with {@code MaxRecords} and {@code Marker}),
 * {@code ModifyDBInstance} and {@code ModifyDBCluster} with {@code MasterUserPassword},
 * {@code ManageMasterUserPassword} and {@code RotateMasterUserPassword}. Answers are the XML
 * documents of API version 2014-10-31; errors carry RDS's codes.
 */
final class RdsQueryApi {
  static final String VERSION = "2014-10-31";
  static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

  private final AwsState state;
  private final SecretsManagerApi secretsManager;

  RdsQueryApi(AwsState state, SecretsManagerApi secretsManager) {
    this.state = requireNonNull(state, "state");
    this.secretsManager = requireNonNull(secretsManager, "secretsManager");
  }

  /** The XML answer to the Query request {@code parameters} ({@code Action}, {@code Version}, ...) in {@code region}. */
  String call(String region, Map<String, String> parameters, String requestId) throws AwsServiceError {
    final String action = parameters.get("Action");
    if (action == null || action.isEmpty()) {
      throw new AwsServiceError(400, "MissingAction", "The request must contain the parameter Action");
    }
    final String version = parameters.get("Version");
    if (version == null) {
      throw new AwsServiceError(400, "MissingParameter", "The request must contain the parameter Version");
    }
    if (!VERSION.equals(version)) {
      throw new AwsServiceError(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }
    synchronized (state) {
      final StringBuilder result = new StringBuilder();
      switch (action) {
      case "DescribeDBInstances":
        describe(region, SimulatedDatabase.Kind.INSTANCE, parameters, result);
        break;
      case "DescribeDBClusters":
        describe(region, SimulatedDatabase.Kind.CLUSTER, parameters, result);
        break;
      case "ModifyDBInstance":
        modify(region, SimulatedDatabase.Kind.INSTANCE, parameters, result);
        break;
      case "ModifyDBCluster":
        modify(region, SimulatedDatabase.Kind.CLUSTER, parameters, result);
        break;
      default:
        throw new AwsServiceError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
      }
      return "<" + action + "Response xmlns=\"" + NAMESPACE + "\">\n  <" + action + "Result>\n" + result
          + "  </" + action + "Result>\n  <ResponseMetadata>\n    <RequestId>" + requestId
          + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n";
    }
  }

  /** RDS's error document. */
  static String error(AwsServiceError error, String requestId) {
    return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n    <Type>" + (error.status >= 500 ? "Receiver" : "Sender")
        + "</Type>\n    <Code>" + escape(error.code) + "</Code>\n    <Message>" + escape(String.valueOf(error.getMessage()))
        + "</Message>\n  </Error>\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n";
  }

  private void describe(String region, SimulatedDatabase.Kind kind, Map<String, String> parameters, StringBuilder out)
      throws AwsServiceError {
    final String idParameter = idParameter(kind);
    final int maxRecords = maxRecords(parameters.get("MaxRecords"));
    final String id = parameters.get(idParameter);
    List<SimulatedDatabase> databases = state.databases(region, kind);
    if (id != null) {
      final SimulatedDatabase one = state.database(region, kind, id);
      if (one == null) {
        throw notFound(kind, id);
      }
      databases = List.of(one);
    }
    int start = 0;
    final String marker = parameters.get("Marker");
    if (marker != null) {
      start = -1;
      for (int i = 0; i < databases.size(); i++) {
        if (marker.equals("next:" + databases.get(i).identifier)) {
          start = i;
        }
      }
      if (start < 0) {
        throw new AwsServiceError(400, "InvalidParameterValue", "The marker " + marker + " is not valid.");
      }
    }
    final int end = Math.min(databases.size(), start + maxRecords);
    final String plural = kind == SimulatedDatabase.Kind.INSTANCE ? "DBInstances" : "DBClusters";
    out.append("    <").append(plural).append(">\n");
    for (SimulatedDatabase database : databases.subList(start, end)) {
      write(database, out);
    }
    out.append("    </").append(plural).append(">\n");
    if (end < databases.size()) {
      out.append("    <Marker>next:").append(escape(databases.get(end).identifier)).append("</Marker>\n");
    }
  }

  private void modify(String region, SimulatedDatabase.Kind kind, Map<String, String> parameters, StringBuilder out)
      throws AwsServiceError {
    final String idParameter = idParameter(kind);
    final String id = parameters.get(idParameter);
    if (id == null || id.isEmpty()) {
      throw new AwsServiceError(400, "MissingParameter", "The request must contain the parameter " + idParameter);
    }
    final SimulatedDatabase database = state.database(region, kind, id);
    if (database == null) {
      throw notFound(kind, id);
    }
    final String password = parameters.get("MasterUserPassword");
    final Boolean manage = bool(parameters, "ManageMasterUserPassword");
    final Boolean rotate = bool(parameters, "RotateMasterUserPassword");
    final boolean applyImmediately = Boolean.TRUE.equals(bool(parameters, "ApplyImmediately"));
    final boolean changesPassword = password != null || manage != null || Boolean.TRUE.equals(rotate);
    if (changesPassword && kind == SimulatedDatabase.Kind.INSTANCE && database.clusterIdentifier != null) {
      throw new AwsServiceError(400, "InvalidParameterCombination", "The specified DB instance is a member of DB cluster "
          + database.clusterIdentifier + ": its master user password is managed by the DB cluster. Use ModifyDBCluster.");
    }
    if (changesPassword && !"available".equals(database.status)) {
      throw kind == SimulatedDatabase.Kind.INSTANCE
          ? new AwsServiceError(400, "InvalidDBInstanceState", "Database instance is not in available state.")
          : new AwsServiceError(400, "InvalidDBClusterStateFault", "DBCluster " + database.identifier
              + " is not in a valid state.");
    }
    if (password != null && Boolean.TRUE.equals(manage)) {
      throw new AwsServiceError(400, "InvalidParameterCombination",
          "You can't specify MasterUserPassword when ManageMasterUserPassword is turned on.");
    }
    if (password != null && database.managedSecretArn != null && manage == null) {
      throw new AwsServiceError(400, "InvalidParameterCombination", "The master user password of "
          + database.identifier + " is managed in Secrets Manager. To set it yourself, also turn off"
          + " ManageMasterUserPassword.");
    }
    if (Boolean.FALSE.equals(manage) && database.managedSecretArn != null && password == null) {
      throw new AwsServiceError(400, "InvalidParameterCombination",
          "You must specify MasterUserPassword when you turn off ManageMasterUserPassword.");
    }
    if (Boolean.TRUE.equals(rotate)) {
      if (!applyImmediately) {
        throw new AwsServiceError(400, "InvalidParameterCombination",
            "You must specify ApplyImmediately when rotating the master user password.");
      }
      if (database.managedSecretArn == null || Boolean.FALSE.equals(manage)) {
        throw new AwsServiceError(400, "InvalidParameterCombination", "You can't rotate the master user password of "
            + database.identifier + " because it isn't managed in Secrets Manager.");
      }
    }
    if (password != null) {
      final List<String> problems = RdsMasterPasswordRules.violations(password, database.engine,
          kind == SimulatedDatabase.Kind.CLUSTER);
      if (!problems.isEmpty()) {
        throw new AwsServiceError(400, "InvalidParameterValue", "The parameter MasterUserPassword is not a valid"
            + " password: " + String.join("; ", problems) + ".");
      }
    }
    applyPassword(database, password, manage, Boolean.TRUE.equals(rotate));
    write(database, out);
  }

  private void applyPassword(SimulatedDatabase database, @Nullable String password, @Nullable Boolean manage,
      boolean rotate) throws AwsServiceError {
    if (Boolean.FALSE.equals(manage) && database.managedSecretArn != null) {
      final SimulatedSecret managed = state.secret(database.region, database.managedSecretArn);
      if (managed != null) {
        state.deleteSecret(managed);
      }
      database.managedSecretArn = null;
    }
    if (password != null) {
      setPassword(database, password);
    }
    if (Boolean.TRUE.equals(manage) && database.managedSecretArn == null) {
      final SimulatedSecret secret = state.createManagedSecret(database);
      final String generated = state.newPassword(32);
      secret.addVersion(new SimulatedSecret.Version(state.uuid(), "{\"username\":\"" + database.masterUsername
          + "\",\"password\":\"" + generated + "\"}", state.clock.instant()),
          java.util.Set.of(SimulatedSecret.CURRENT), state.clock.instant());
      database.managedSecretArn = secret.arn;
      setPassword(database, generated);
    }
    if (rotate && database.managedSecretArn != null) { // rotating was refused unless the password is managed
      final SimulatedSecret managed = state.secret(database.region, database.managedSecretArn);
      if (managed != null) {
        secretsManager.rotate(managed, state.uuid());
      }
    }
  }

  private void setPassword(SimulatedDatabase database, String password) {
    database.masterPassword = password;
    database.passwordChangePending = true;
    if (database.kind == SimulatedDatabase.Kind.CLUSTER) {
      for (SimulatedDatabase member : state.members(database)) {
        member.masterPassword = password;
      }
    }
  }

  private void write(SimulatedDatabase database, StringBuilder out) {
    final boolean instance = database.kind == SimulatedDatabase.Kind.INSTANCE;
    final String element = instance ? "DBInstance" : "DBCluster";
    final String indent = "        ";
    out.append("      <").append(element).append(">\n");
    if (instance) {
      tag(out, indent, "DBInstanceIdentifier", database.identifier);
      tag(out, indent, "DBInstanceClass", database.engine.startsWith("aurora") ? "db.r6g.large" : "db.t4g.medium");
      tag(out, indent, "Engine", database.engine);
      tag(out, indent, "DBInstanceStatus", database.status);
      tag(out, indent, "MasterUsername", database.masterUsername);
      out.append(indent).append("<Endpoint>\n");
      tag(out, indent + "  ", "Address", database.endpointAddress(state.account));
      tag(out, indent + "  ", "Port", String.valueOf(database.port));
      tag(out, indent + "  ", "HostedZoneId", "Z2R2ITUGPM61AM");
      out.append(indent).append("</Endpoint>\n");
      tag(out, indent, "AllocatedStorage", "20");
      tag(out, indent, "InstanceCreateTime", DateTimeFormatter.ISO_INSTANT.format(database.created));
      tag(out, indent, "AvailabilityZone", database.region + "a");
      tag(out, indent, "MultiAZ", "false");
      tag(out, indent, "EngineVersion", database.engineVersion);
      tag(out, indent, "DbInstancePort", "0");
      if (database.clusterIdentifier != null) {
        tag(out, indent, "DBClusterIdentifier", database.clusterIdentifier);
      }
      tag(out, indent, "DbiResourceId", "db-" + resourceId(database));
      tag(out, indent, "DBInstanceArn", database.arn(state.account));
    } else {
      tag(out, indent, "DBClusterIdentifier", database.identifier);
      tag(out, indent, "Engine", database.engine);
      tag(out, indent, "EngineVersion", database.engineVersion);
      tag(out, indent, "Status", database.status);
      tag(out, indent, "Endpoint", database.endpointAddress(state.account));
      tag(out, indent, "ReaderEndpoint", database.endpointAddress(state.account).replace(".cluster-", ".cluster-ro-"));
      tag(out, indent, "Port", String.valueOf(database.port));
      tag(out, indent, "MasterUsername", database.masterUsername);
      tag(out, indent, "MultiAZ", "false");
      out.append(indent).append("<DBClusterMembers>\n");
      for (SimulatedDatabase member : state.members(database)) {
        out.append(indent).append("  <DBClusterMember>\n");
        tag(out, indent + "    ", "DBInstanceIdentifier", member.identifier);
        tag(out, indent + "    ", "IsClusterWriter", "true");
        out.append(indent).append("  </DBClusterMember>\n");
      }
      out.append(indent).append("</DBClusterMembers>\n");
      tag(out, indent, "DbClusterResourceId", "cluster-" + resourceId(database));
      tag(out, indent, "DBClusterArn", database.arn(state.account));
      tag(out, indent, "ClusterCreateTime", DateTimeFormatter.ISO_INSTANT.format(database.created));
    }
    if (database.passwordChangePending) {
      out.append(indent).append("<PendingModifiedValues>\n");
      tag(out, indent + "  ", "MasterUserPassword", "****");
      out.append(indent).append("</PendingModifiedValues>\n");
    } else if (instance) {
      out.append(indent).append("<PendingModifiedValues/>\n");
    }
    if (database.managedSecretArn != null) {
      out.append(indent).append("<MasterUserSecret>\n");
      tag(out, indent + "  ", "SecretArn", database.managedSecretArn);
      tag(out, indent + "  ", "SecretStatus", "active");
      tag(out, indent + "  ", "KmsKeyId", "arn:aws:kms:" + database.region + ":" + state.account
          + ":key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
      out.append(indent).append("</MasterUserSecret>\n");
    }
    out.append("      </").append(element).append(">\n");
    // a change shown once as pending has been applied by the next answer
    database.passwordChangePending = false;
  }

  private static String resourceId(SimulatedDatabase database) {
    return String.format("%026X", Math.abs((long) (database.region + database.identifier).hashCode()))
        .substring(0, 26).replace(' ', '0');
  }

  private static void tag(StringBuilder out, String indent, String name, String value) {
    out.append(indent).append('<').append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
  }

  private static int maxRecords(@Nullable String text) throws AwsServiceError {
    if (text == null) {
      return 100;
    }
    try {
      final int value = Integer.parseInt(text);
      if (value >= 20 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AwsServiceError(400, "InvalidParameterValue", "Invalid value " + text
        + " for MaxRecords. Must be between 20 and 100");
  }

  private static @Nullable Boolean bool(Map<String, String> parameters, String name) throws AwsServiceError {
    final String text = parameters.get(name);
    if (text == null) {
      return null;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
    case "true":
      return true;
    case "false":
      return false;
    default:
      throw new AwsServiceError(400, "InvalidParameterValue", "Value (" + text + ") for parameter " + name
          + " is invalid. Expected a boolean.");
    }
  }

  private static String idParameter(SimulatedDatabase.Kind kind) {
    return kind == SimulatedDatabase.Kind.INSTANCE ? "DBInstanceIdentifier" : "DBClusterIdentifier";
  }

  private static AwsServiceError notFound(SimulatedDatabase.Kind kind, String id) {
    return kind == SimulatedDatabase.Kind.INSTANCE
        ? new AwsServiceError(404, "DBInstanceNotFound", "DBInstance " + id + " not found.")
        : new AwsServiceError(404, "DBClusterNotFoundFault", "DBCluster " + id + " not found.");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
