package io.credql.aws;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * AWS's documents (services {@code rds} and {@code secretsmanager}), bundled in this jar under
 * {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
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
}
