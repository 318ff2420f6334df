package io.credql.docs;

import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** The reference's index: every provider, its services, and their resources, each linked to its page. */
final class ProviderIndexPage {
  private final List<ProviderDocument> providers;

  ProviderIndexPage(List<ProviderDocument> providers) {
    this.providers = List.copyOf(requireNonNull(providers, "providers"));
  }

  String text() {
    final StringBuilder page = new StringBuilder();
    page.append("# Provider reference\n\n")
        .append("One page per resource, generated from the provider documents credql bundles; do not\n")
        .append("edit them by hand. After changing a document, regenerate them from the repository's root:\n\n")
        .append("```sh\n").append(ReferenceDocs.REGENERATE_COMMAND).append("\n```\n\n")
        .append("In SQL, a provider is a catalog, a service a schema and a resource a table:\n")
        .append("`provider.service.resource`. `SHOW PROVIDERS`, `SHOW SERVICES IN <provider>`,\n")
        .append("`SHOW RESOURCES IN <provider>.<service>` and `SHOW METHODS IN <resource>` list the same.\n\n")
        .append("| Provider | Version | Services |\n")
        .append("|:---------|:--------|:---------|\n");
    for (ProviderDocument provider : providers) {
      page.append("| [`").append(provider.name()).append("`](#").append(anchor(provider.name()))
          .append(") | ").append(provider.version()).append(" | ")
          .append(String.join(", ", provider.serviceEntries().keySet())).append(" |\n");
    }
    page.append('\n');
    for (ProviderDocument provider : providers) {
      page.append("## ").append(provider.name()).append("\n\n");
      for (String serviceName : provider.serviceEntries().keySet()) {
        final ServiceDocument service = requireNonNull(provider.service(serviceName), serviceName);
        page.append("### ").append(provider.name()).append('.').append(service.name());
        if (service.title() != null) {
          page.append(" — ").append(service.title());
        }
        page.append("\n\n");
        if (service.description() != null) {
          page.append(MdxText.of(service.description().strip())).append("\n\n");
        }
        page.append("| Resource | Description |\n")
            .append("|:---------|:------------|\n");
        for (ResourceDefinition resource : service.resources().values()) {
          page.append("| [`").append(resource.id()).append("`](").append(ReferenceDocs.pagePath(resource))
              .append(") | ").append(MdxText.of(resource.description() != null ? resource.description()
                  : resource.title())).append(" |\n");
        }
        page.append('\n');
      }
    }
    return page.toString().stripTrailing() + "\n";
  }

  /** The anchor GitHub and Docusaurus give a heading made of a provider's name. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_ -]", "").replace(' ', '-');
  }
}
