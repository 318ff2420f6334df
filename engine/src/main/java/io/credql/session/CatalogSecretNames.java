package io.credql.session;

import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.ServiceDocument;
import io.credql.redact.MarkedSecretNames;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The names under which a resource's document marks a value secret ({@link SchemaNode#isMarkedSecret}),
 * however innocent they sound: its methods' inputs (as the document and as SQL spells them), the
 * fields of their request bodies at any depth, and the fields of their rows. The shell's history
 * masks the values given under these names, as dry runs, the audit log and errors already do.
 */
public final class CatalogSecretNames implements MarkedSecretNames {
  private final ProviderCatalog catalog;
  private final Map<String, Set<String>> byResource = new ConcurrentHashMap<>();

  private CatalogSecretNames(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  /** The names the documents of {@code catalog} mark secret. */
  public static MarkedSecretNames of(ProviderCatalog catalog) {
    return new CatalogSecretNames(requireNonNull(catalog, "catalog"));
  }

  /**
   * The lower-cased names marked secret in the resource {@code names} starts with
   * ({@code provider.service.resource}, perhaps followed by a method); empty when it names none.
   */
  @Override
  public Set<String> in(List<String> names) {
    if (names.size() < 3) {
      return Set.of();
    }
    final String key = String.join(".", names.subList(0, 3)).toLowerCase(Locale.ROOT);
    return byResource.computeIfAbsent(key, k -> read(catalog, names));
  }

  private static Set<String> read(ProviderCatalog catalog, List<String> names) {
    final ResourceDefinition resource;
    try {
      final ProviderDocument provider = catalog.provider(names.get(0));
      final ServiceDocument service = provider == null ? null : provider.service(names.get(1));
      resource = service == null ? null : service.resource(names.get(2));
    } catch (RuntimeException e) {
      // a document that cannot be read: the statement using it fails with the reason; names still count
      return Set.of();
    }
    if (resource == null) {
      return Set.of();
    }
    final Set<String> marked = new HashSet<>();
    for (MethodDefinition method : resource.methods()) {
      for (ParameterDefinition input : method.inputs()) {
        final SchemaNode schema = input.schema();
        if (schema != null && schema.isMarkedSecret()) {
          marked.add(input.name().toLowerCase(Locale.ROOT));
          marked.add(input.sqlName().toLowerCase(Locale.ROOT));
        }
      }
      final SchemaNode body = method.requestBody();
      if (body != null) {
        addMarkedFields(body, marked, 0);
      }
      method.secretFields().forEach(field -> marked.add(field.toLowerCase(Locale.ROOT)));
    }
    return Set.copyOf(marked);
  }

  /** Bodies nest; a document's schemas may refer to themselves, hence the depth limit. */
  private static void addMarkedFields(SchemaNode schema, Set<String> marked, int depth) {
    if (depth > 16) {
      return;
    }
    schema.properties().forEach((name, field) -> {
      if (field.isMarkedSecret()) {
        marked.add(name.toLowerCase(Locale.ROOT));
      } else {
        addMarkedFields(field, marked, depth + 1);
      }
    });
    final SchemaNode items = schema.items();
    if (items != null) {
      addMarkedFields(items, marked, depth + 1);
    }
  }
}
