package io.credql.google;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;
import io.credql.spi.ProviderSimulator;

/**
 * The {@code google} documents, bundled in this jar under {@code io/credql/providers}, and the
 * simulator that serves them in the sandbox.
 */
public final class GoogleBundle implements ProviderBundle {
  @Override public String providerName() {
    return "google";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(GoogleBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "google/v00.00.00000/provider.yaml";
  }

  @Override public ProviderSimulator simulator() {
    return new GoogleSandboxSimulator();
  }
}
