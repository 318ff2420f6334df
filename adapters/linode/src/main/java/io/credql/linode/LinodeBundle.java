package io.credql.linode;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * Linode's documents, bundled in this jar under {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
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
}
