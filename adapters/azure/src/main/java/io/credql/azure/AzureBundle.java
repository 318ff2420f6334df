package io.credql.azure;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * The {@code azure} documents, bundled in this jar under {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
 */
public final class AzureBundle implements ProviderBundle {
  @Override public String providerName() {
    return "azure";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(AzureBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "azure/v00.00.00000/provider.yaml";
  }
}
