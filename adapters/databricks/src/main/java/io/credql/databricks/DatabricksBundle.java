package io.credql.databricks;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * The {@code databricks_workspace} documents, bundled in this jar under {@code io/credql/providers};
 * its simulator is in the {@code -simulator} module beside this one, so the driver jar carries none.
 */
public final class DatabricksBundle implements ProviderBundle {
  @Override public String providerName() {
    return "databricks_workspace";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(DatabricksBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "databricks_workspace/v00.00.00000/provider.yaml";
  }
}
