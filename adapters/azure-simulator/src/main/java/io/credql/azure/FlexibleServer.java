package io.credql.azure;

import io.credql.sandbox.OperationBehaviour;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A simulated Azure Database flexible server: its engine, resource group, name, region, version,
 * administrator login, SKU, and how the asynchronous operations started on it end.
 */
public record FlexibleServer(FlexibleServerEngine engine, String resourceGroup, String name,
    String location, String version, String administratorLogin, String skuName, String tier,
    OperationBehaviour operations) {
  public FlexibleServer {
    requireNonNull(engine, "engine");
    requireNonNull(resourceGroup, "resourceGroup");
    requireNonNull(name, "name");
    requireNonNull(location, "location");
    requireNonNull(version, "version");
    requireNonNull(administratorLogin, "administratorLogin");
    requireNonNull(skuName, "skuName");
    requireNonNull(tier, "tier");
    requireNonNull(operations, "operations");
  }

  /** A ready General Purpose server whose operations succeed on the second poll. */
  public static FlexibleServer ready(FlexibleServerEngine engine, String resourceGroup, String name,
      String location, String administratorLogin) {
    return new FlexibleServer(engine, resourceGroup, name, location, engine.defaultVersion(),
        administratorLogin, "Standard_D2ds_v5", "GeneralPurpose", OperationBehaviour.QUICK);
  }

  public FlexibleServer withOperations(OperationBehaviour behaviour) {
    return new FlexibleServer(engine, resourceGroup, name, location, version, administratorLogin,
        skuName, tier, behaviour);
  }

  /** The key ARM finds it by: engine, resource group and name, which ARM compares ignoring case. */
  String key() {
    return key(engine, resourceGroup, name);
  }

  static String key(FlexibleServerEngine engine, String resourceGroup, String name) {
    return engine + "/" + resourceGroup.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
  }
}
