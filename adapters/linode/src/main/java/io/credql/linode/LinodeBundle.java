package io.credql.linode;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;
import io.credql.spi.ProviderSimulator;

/**
 * Linode's documents, bundled in this jar under {@code io/credql/providers}, and its simulator for
 * the sandbox.
 */
public final class LinodeBundle implements ProviderBundle {
  @Override public String providerName() {
    return "linode";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(LinodeBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "linode/v00.00.00000/provider.yaml";
  }

  @Override public ProviderSimulator simulator() {
    return new LinodeSandboxSimulator();
  }
}
