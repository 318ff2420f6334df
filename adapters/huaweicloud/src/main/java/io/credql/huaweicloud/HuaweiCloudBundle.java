package io.credql.huaweicloud;

import io.credql.document.DocumentSource;
import io.credql.spi.ProviderBundle;

/**
 * Huawei Cloud's documents (services {@code gaussdb} and {@code rds}), bundled in this jar under
 * {@code io/credql/providers}; its simulator is in the
 * {@code -simulator} module beside this one, so the driver jar carries none.
 */
public final class HuaweiCloudBundle implements ProviderBundle {
  @Override public String providerName() {
    return "huaweicloud";
  }

  @Override public DocumentSource documents() {
    return DocumentSource.classpath(HuaweiCloudBundle.class.getClassLoader(), "io/credql/providers");
  }

  @Override public String providerDocument() {
    return "huaweicloud/v00.00.00000/provider.yaml";
  }
}
