package io.credql.aws;

import io.credql.ConformanceDocuments;

/**
 * The AWS account the simulator's tests run against: a simulator accepting the access key pair
 * surefire puts in {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, and the JDBC URLs
 * that reach it with credql's bundled documents or with StackQL's registry documents.
 */
final class SimulatedAccount {
  private SimulatedAccount() {
  }

  /** A simulator accepting the tests' key pair, to build and start. */
  static AwsSimulator.Builder withTestKeys() {
    return AwsSimulator.builder().accessKey(System.getenv("AWS_ACCESS_KEY_ID"))
        .secretKey(System.getenv("AWS_SECRET_ACCESS_KEY"));
  }

  /** {@code jdbc:credql:} with credql's bundled {@code aws} documents, calling {@code simulator}. */
  static String bundledDocuments(AwsSimulator simulator) {
    return "jdbc:credql:" + simulator.jdbcProperties();
  }

  /** {@code jdbc:credql:} with StackQL's registry {@code aws} documents (unchanged), calling {@code simulator}. */
  static String registryDocuments(AwsSimulator simulator) {
    return "jdbc:credql:providers=" + ConformanceDocuments.stackqlRegistry() + ";"
        + simulator.jdbcProperties();
  }
}
