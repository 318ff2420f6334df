package io.credql.render;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * Render's documents, bundled in this jar under {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
 */
public final class RenderBundle implements ProviderBundle {
  @Override public String providerName() {
    return "render";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(RenderBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "render/v00.00.00000/provider.yaml";
  }
}
