package io.credql.google;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * The {@code google} documents, bundled in this jar under {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
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
}
