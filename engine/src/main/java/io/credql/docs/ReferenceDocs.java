package io.credql.docs;

import io.credql.session.ProviderCatalog;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The provider reference: an index and one page per resource, as Markdown text by path relative to
 * the reference's directory ({@code index.md}, {@code <provider>/<service>/<resource>.md}).
 * Generating reads documents and writes nothing; {@link ReferenceDocsDirectory} puts pages on disk.
 */
public final class ReferenceDocs {
  /** The index page's path. */
  public static final String INDEX = "index.md";

  /** How to regenerate the committed reference, from the repository's root. */
  public static final String REGENERATE_COMMAND = "./credql --reference-docs docs/providers";

  private final Map<String, String> pages;

  private ReferenceDocs(Map<String, String> pages) {
    this.pages = Collections.unmodifiableMap(pages);
  }

  /** The reference of every provider of {@code catalog}, providers in order of name. */
  public static ReferenceDocs of(ProviderCatalog catalog) {
    requireNonNull(catalog, "catalog");
    final List<ProviderDocument> providers = new ArrayList<>();
    for (String name : catalog.providerNames()) {
      providers.add(requireNonNull(catalog.provider(name), name));
    }
    return of(providers);
  }

  /**
   * The reference of {@code providers}, ordered by name (the order adapters are found in depends on
   * the class path); services and resources keep their documents' order.
   */
  public static ReferenceDocs of(List<ProviderDocument> providers) {
    final List<ProviderDocument> sorted = new ArrayList<>(requireNonNull(providers, "providers"));
    sorted.sort(Comparator.comparing(ProviderDocument::name));
    final Map<String, String> pages = new LinkedHashMap<>();
    pages.put(INDEX, new ProviderIndexPage(sorted).text());
    for (ProviderDocument provider : sorted) {
      for (String serviceName : provider.serviceEntries().keySet()) {
        final ServiceDocument service = requireNonNull(provider.service(serviceName), serviceName);
        for (ResourceDefinition resource : service.resources().values()) {
          pages.put(pagePath(resource), new ResourcePage(resource).text());
        }
      }
    }
    return new ReferenceDocs(pages);
  }

  /** Where the page of {@code resource} lives: {@code <provider>/<service>/<resource>.md}. */
  public static String pagePath(ResourceDefinition resource) {
    return resource.service().provider().name() + "/" + resource.service().name() + "/"
        + resource.name() + ".md";
  }

  /** Every page's text by its relative path (with {@code /}), the index first. */
  public Map<String, String> pages() {
    return pages;
  }
}
