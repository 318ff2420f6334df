package io.credql.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SqlVerb;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The reference page of one resource, in the format of StackQL's provider docs (seeds 000 and
 * 001): front matter, overview, fields, methods (with the {@code _m} raw twin after each SELECT
 * method), parameters, and an example statement for every method, grouped by how it is reached.
 */
final class ResourcePage {
  private static final String NO_SELECT = "`SELECT` not supported for this resource, use `SHOW METHODS`"
      + " to view available operations for the resource.";

  private final ResourceDefinition resource;
  private final String provider;
  private final String service;

  ResourcePage(ResourceDefinition resource) {
    this.resource = requireNonNull(resource, "resource");
    this.provider = resource.service().provider().name();
    this.service = resource.service().name();
  }

  /** The page's Markdown (MDX) text. */
  String text() {
    final StringBuilder page = new StringBuilder();
    appendFrontMatter(page);
    page.append("import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';\n")
        .append("import Tabs from '@theme/Tabs';\n")
        .append("import TabItem from '@theme/TabItem';\n\n");
    page.append(resource.description() != null ? MdxText.of(resource.description())
        : "Creates, updates, deletes, gets or lists a <code>" + resource.name() + "</code> resource.")
        .append("\n\n");
    appendOverview(page);
    appendFields(page);
    final List<MethodDefinition> methods = methodsInPageOrder();
    appendMethods(page, methods);
    appendParameters(page, methods);
    appendExamples(page, methods, SqlVerb.SELECT, "## `SELECT` examples");
    appendExamples(page, methods, SqlVerb.INSERT, "## `INSERT` examples");
    appendExamples(page, methods, SqlVerb.DELETE, "## `DELETE` examples");
    appendExamples(page, methods, SqlVerb.EXEC, "## Lifecycle Methods");
    return page.toString().stripTrailing() + "\n";
  }

  private void appendFrontMatter(StringBuilder page) {
    page.append("---\n")
        .append("title: ").append(resource.name()).append('\n')
        .append("hide_title: false\n")
        .append("hide_table_of_contents: false\n")
        .append("keywords:\n")
        .append("  - ").append(resource.name()).append('\n')
        .append("  - ").append(service).append('\n')
        .append("  - ").append(provider).append('\n')
        .append("  - infrastructure-as-code\n")
        .append("  - configuration-as-data\n")
        .append("  - cloud inventory\n")
        .append("description: Query, deploy and manage ").append(provider)
        .append(" resources using SQL\n")
        .append("custom_edit_url: null\n")
        .append("image: /img/stackql-").append(provider).append("-provider-featured-image.png\n")
        .append("---\n\n");
  }

  private void appendOverview(StringBuilder page) {
    page.append("## Overview\n")
        .append("<table><tbody>\n")
        .append("<tr><td><b>Name</b></td><td><code>").append(resource.name()).append("</code></td></tr>\n")
        .append("<tr><td><b>Type</b></td><td>").append(resource.isView() ? "View" : "Resource")
        .append("</td></tr>\n")
        .append("<tr><td><b>Id</b></td><td><CopyableCode code=\"").append(resource.id())
        .append("\" /></td></tr>\n")
        .append("</tbody></table>\n\n");
  }

  private void appendFields(StringBuilder page) {
    page.append("## Fields\n\n")
        .append("The following fields are returned by `SELECT` queries:\n\n");
    if (!resource.isSelectable() && !resource.isView()) {
      page.append(NO_SELECT).append("\n\n");
      return;
    }
    page.append("| Name | Datatype | Description |\n")
        .append("|:-----|:---------|:------------|\n");
    for (ResourceColumn column : ResourceColumns.of(resource).list()) {
      if (column.isField()) {
        page.append("| <CopyableCode code=\"").append(column.name()).append("\" /> | `")
            .append(column.jsonType()).append("` | ").append(MdxText.of(column.description()))
            .append(" |\n");
      }
    }
    page.append('\n');
  }

  private static void appendMethods(StringBuilder page, List<MethodDefinition> methods) {
    page.append("## Methods\n\n");
    if (methods.isEmpty()) {
      page.append("This resource has no methods: credql describes it but cannot call it.\n\n");
      return;
    }
    page.append("The following methods are available for this resource:\n\n")
        .append("| Name | Accessible by | Required Params | Description |\n")
        .append("|:-----|:--------------|:----------------|:------------|\n");
    for (MethodDefinition method : methods) {
      final List<String> required = method.requiredInputNames();
      page.append("| <CopyableCode code=\"").append(method.name()).append("\" /> | `")
          .append(method.sqlVerb().name()).append("` | ")
          .append(required.isEmpty() ? ""
              : "<CopyableCode code=\"" + String.join(", ", required) + "\" />")
          .append(" | ").append(MdxText.of(method.description())).append(" |\n");
    }
    page.append('\n');
  }

  private static void appendParameters(StringBuilder page, List<MethodDefinition> methods) {
    final Map<String, ParameterDefinition> inputs = new LinkedHashMap<>();
    for (MethodDefinition method : methods) {
      for (ParameterDefinition input : method.inputs()) {
        inputs.putIfAbsent(input.name(), input);
      }
    }
    if (inputs.isEmpty()) {
      return;
    }
    page.append("## Parameters\n\n")
        .append("Parameters can be passed in the `WHERE` clause of a query. Check the [Methods](#methods)"
            + " section to see which parameters are required or optional for each operation.\n\n")
        .append("| Name | Datatype | Description |\n")
        .append("|:-----|:---------|:------------|\n");
    for (ParameterDefinition input : inputs.values()) {
      page.append("| <CopyableCode code=\"").append(input.name()).append("\" /> | `")
          .append(input.type()).append("` | ").append(MdxText.of(describe(input))).append(" |\n");
    }
    page.append('\n');
  }

  /** Seed 001 writes a declared default after the description: "... (default: dbc-abcd0123-a1bc)". */
  private static String describe(ParameterDefinition input) {
    final JsonNode defaultValue = input.defaultValue();
    final String description = input.description() == null ? "" : input.description();
    if (defaultValue == null || defaultValue.isNull()) {
      return description;
    }
    final String value = defaultValue.isValueNode() ? defaultValue.asText() : defaultValue.toString();
    return (description.isEmpty() ? "" : description + " ") + "(default: " + value + ")";
  }

  private static void appendExamples(StringBuilder page, List<MethodDefinition> methods,
      SqlVerb section, String heading) {
    final List<MethodDefinition> inSection = new ArrayList<>();
    for (MethodDefinition method : methods) {
      if (MethodExample.section(method) == section) {
        inSection.add(method);
      }
    }
    if (inSection.isEmpty()) {
      return;
    }
    page.append(heading).append("\n\n")
        .append("<Tabs\n")
        .append("    defaultValue=\"").append(inSection.get(0).name()).append("\"\n")
        .append("    values={[\n");
    for (int i = 0; i < inSection.size(); i++) {
      final String name = inSection.get(i).name();
      page.append("        { label: '").append(name).append("', value: '").append(name).append("' }")
          .append(i < inSection.size() - 1 ? ",\n" : "\n");
    }
    page.append("    ]}\n").append(">\n");
    for (MethodDefinition method : inSection) {
      page.append("<TabItem value=\"").append(method.name()).append("\">\n\n");
      if (method.description() != null && !method.description().isBlank()) {
        page.append(MdxText.of(method.description())).append("\n\n");
      }
      page.append("```sql\n").append(new MethodExample(method).statement()).append("\n```\n")
          .append("</TabItem>\n");
    }
    page.append("</Tabs>\n\n");
  }

  /** Document order, each {@code _m} raw twin right after its SELECT method, as seed 000 lists them. */
  private List<MethodDefinition> methodsInPageOrder() {
    final List<MethodDefinition> ordered = new ArrayList<>();
    for (MethodDefinition method : resource.methods()) {
      if (method.isRaw()) {
        continue;
      }
      ordered.add(method);
      for (MethodDefinition twin : resource.methods()) {
        if (twin.isRaw() && twin.name().equals("_" + method.name())) {
          ordered.add(twin);
        }
      }
    }
    return ordered;
  }
}
