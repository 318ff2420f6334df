package io.credql.databricks;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;
import io.credql.spi.ProviderSimulator;

/**
 * The {@code databricks_workspace} documents, bundled in this jar under {@code io/credql/providers},
 * and the simulator that serves them in the sandbox.
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

  @Override public ProviderSimulator simulator() {
    return new DatabricksSandboxSimulator();
  }
}
