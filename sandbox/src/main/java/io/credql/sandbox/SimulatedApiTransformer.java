package io.credql.sandbox;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to a simulator from its state: named for the
 * one stub that hands it every request ({@link SimulatorServer}), and applied there only.
 */
public abstract class SimulatedApiTransformer implements ResponseDefinitionTransformerV2 {
  private final String name;

  protected SimulatedApiTransformer(String name) {
    this.name = requireNonNull(name, "name");
  }

  @Override public final String getName() {
    return name;
  }

  @Override public final boolean applyGlobally() {
    return false;
  }
}
