package io.credql.spi;

import io.credql.document.DocumentSource;
/**
 * Provider documents shipped in an adapter jar, in StackQL's layout. Registered in
 * {@code META-INF/services/io.credql.spi.ProviderBundle}; a provider's simulator is registered apart,
 * as a {@link ProviderSimulator}, so that a driver without the sandbox carries none.
 */
public interface ProviderBundle {
  /** The provider's name, as in {@code provider.yaml}. */
  String providerName();

  /** The root the documents' {@code $ref}s are relative to. */
  DocumentSource documents();

  /** Path of {@code provider.yaml} below {@link #documents()}, e.g. {@code linode/v00.00.00000/provider.yaml}. */
  String providerDocument();
}
