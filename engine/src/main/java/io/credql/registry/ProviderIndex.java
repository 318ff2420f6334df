package io.credql.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The providers a registry publishes and their versions: StackQL's {@code dist/providers.yaml},
 * {@code providers: {<name>: {versions: [v..., ...]}}}.
 */
public final class ProviderIndex {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, List<String>> versions;

  ProviderIndex(Map<String, List<String>> versions) {
    final Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    versions.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    this.versions = Collections.unmodifiableMap(copy);
  }

  /** Reads {@code providers.yaml}; {@code origin} names it in errors. */
  static ProviderIndex parse(byte[] yaml, String origin) throws RegistryException {
    requireNonNull(yaml, "yaml");
    final JsonNode providers;
    try {
      providers = YAML.readTree(yaml).path("providers");
    } catch (IOException e) {
      throw new RegistryException(origin + " is not StackQL's provider list (YAML with a 'providers' map)");
    }
    if (!providers.isObject()) {
      throw new RegistryException(origin + " is not StackQL's provider list (YAML with a 'providers' map)");
    }
    final Map<String, List<String>> result = new TreeMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = providers.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> provider = fields.next();
      final List<String> list = new ArrayList<>();
      for (JsonNode version : provider.getValue().path("versions")) {
        if (version.isValueNode() && !version.asText().isBlank()) {
          list.add(version.asText());
        }
      }
      result.put(provider.getKey(), list);
    }
    return new ProviderIndex(result);
  }

  /** Provider names, sorted. */
  public List<String> providers() {
    return new ArrayList<>(versions.keySet());
  }

  /** The versions of {@code provider} as published (oldest first), or an empty list. */
  public List<String> versions(String provider) {
    return versions.getOrDefault(provider, List.of());
  }

  public boolean publishes(String provider) {
    return versions.containsKey(provider);
  }

  /** The provider's name as the registry spells it. */
  public String spelling(String provider) {
    for (String name : versions.keySet()) {
      if (name.equalsIgnoreCase(provider)) {
        return name;
      }
    }
    return provider;
  }

  /** The newest version of {@code provider}: the greatest by {@link VersionOrder}. */
  public String newest(String provider) {
    return versions(provider).stream().max(VersionOrder.INSTANCE).orElseThrow();
  }
}
