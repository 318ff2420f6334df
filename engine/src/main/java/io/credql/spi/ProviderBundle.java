package io.credql.spi;

import io.credql.document.DocumentSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Provider documents shipped in an adapter jar, in StackQL's layout, and the simulator that serves
 * them in the sandbox. Registered in {@code META-INF/services/io.credql.spi.ProviderBundle}.
 */
public interface ProviderBundle {
  /** The provider's name, as in {@code provider.yaml}. */
  String providerName();

  /** The root the documents' {@code $ref}s are relative to. */
  DocumentSource documents();

  /** Path of {@code provider.yaml} below {@link #documents()}, e.g. {@code linode/v00.00.00000/provider.yaml}. */
  String providerDocument();

  /** The simulator that serves this provider in the sandbox, or null if there is none. */
  default @Nullable ProviderSimulator simulator() {
    return null;
  }
}
