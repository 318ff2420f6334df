package io.credql.aws;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;
import io.credql.spi.ProviderSimulator;

/**
 * AWS's documents (services {@code rds} and {@code secretsmanager}), bundled in this jar under
 * {@code io/credql/providers}, and its simulator for the sandbox.
 */
public final class AwsBundle implements ProviderBundle {
  @Override public String providerName() {
    return "aws";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(AwsBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "aws/v00.00.00000/provider.yaml";
  }

  @Override public ProviderSimulator simulator() {
    return new AwsSandboxSimulator();
  }
}
