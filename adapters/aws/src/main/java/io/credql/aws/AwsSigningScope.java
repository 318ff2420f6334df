package io.credql.aws;

import io.credql.spi.BoundCall;
import io.credql.call.PreparedRequest;
import io.credql.document.ParameterDefinition;
import io.credql.document.ServerDefinition;
import io.credql.error.InvalidInputException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The region and service a request is signed for, read from an AWS endpoint's host name
 * ({@code rds.eu-west-1.amazonaws.com}: service {@code rds}, region {@code eu-west-1}). A request
 * sent elsewhere (a {@code baseUrl.} override such as a simulator on 127.0.0.1) is signed for the
 * endpoint its document's server URL names, with the call's values for the URL's variables.
 */
record AwsSigningScope(String region, String service) {
  /** The region of endpoints without one in their name ({@code iam.amazonaws.com}). */
  static final String GLOBAL_REGION = "us-east-1";

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final Pattern AWS_HOST =
      Pattern.compile("([a-z0-9-]+)(?:\\.([a-z0-9-]+))?\\.amazonaws\\.com(?:\\.cn)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  AwsSigningScope {
    requireNonNull(region, "region");
    requireNonNull(service, "service");
  }

  /**
   * The scope of {@code request}: from its host when that is an AWS endpoint, else from the
   * document server of the call it was prepared for.
   */
  static AwsSigningScope of(Request request) throws InvalidInputException {
    final AwsSigningScope direct = ofHost(request.url().host());
    if (direct != null) {
      return direct;
    }
    final PreparedRequest prepared = request.tag(PreparedRequest.class);
    final String documentHost = prepared == null ? null : documentHost(prepared.call());
    final String host = documentHost != null ? documentHost : request.url().host();
    final AwsSigningScope scope = ofHost(host);
    if (scope == null) {
      throw new InvalidInputException("cannot sign a request to " + host + " with aws_signing_v4: the region and"
          + " service come from an AWS endpoint's host name such as rds.us-east-1.amazonaws.com, and neither the"
          + " request nor its document's server URL has one");
    }
    return scope;
  }

  /** The scope of an AWS endpoint host, or null if {@code host} is not one. */
  static @Nullable AwsSigningScope ofHost(String host) {
    final Matcher matcher = AWS_HOST.matcher(host);
    if (!matcher.matches()) {
      return null;
    }
    final String first = matcher.group(1).toLowerCase(Locale.ROOT);
    final String second = matcher.group(2);
    // FIPS and dual-stack endpoints keep the signing name before the suffix: rds-fips.us-east-1...
    final String service = first.endsWith("-fips") ? first.substring(0, first.length() - "-fips".length()) : first;
    if (second == null) {
      return new AwsSigningScope(GLOBAL_REGION, service);
    }
    final String region = second.toLowerCase(Locale.ROOT);
    return REGION.matcher(region).matches() ? new AwsSigningScope(region, service) : null;
  }

  /** The host of the call's document server with the call's (or the defaults') variable values, or null. */
  private static @Nullable String documentHost(BoundCall call) {
    final List<ServerDefinition> servers = call.method().servers();
    if (servers.isEmpty()) {
      return null;
    }
    final ServerDefinition server = servers.get(0);
    final Matcher matcher = VARIABLE.matcher(server.urlTemplate());
    final StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      final String name = matcher.group(1);
      Object value = call.input(name);
      final ParameterDefinition variable = server.variables().get(name);
      if (value == null && variable != null && variable.defaultValue() != null) {
        value = variable.defaultValue().asText();
      }
      if (value == null) {
        return null;
      }
      matcher.appendReplacement(url, Matcher.quoteReplacement(String.valueOf(value)));
    }
    matcher.appendTail(url);
    final HttpUrl parsed = HttpUrl.parse(url.toString());
    return parsed == null ? null : parsed.host();
  }
}
