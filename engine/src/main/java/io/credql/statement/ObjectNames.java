package io.credql.statement;

import io.credql.document.MethodDefinition;
import io.credql.document.ProviderDocument;
import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.error.InvalidInputException;
import io.credql.error.UnknownObjectException;
import io.credql.session.CredqlSession;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlIdentifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the dotted names of statements ({@code provider.service.resource.method}) against the
 * connection's providers, ignoring case; an unknown name is an error listing what exists.
 */
final class ObjectNames {
  private ObjectNames() {
  }

  static ProviderDocument provider(CredqlSession session, String name) throws UnknownObjectException {
    final ProviderDocument provider = session.catalog().provider(name);
    if (provider == null) {
      throw new UnknownObjectException("no provider called " + name + "; providers: "
          + String.join(", ", session.catalog().providerNames()));
    }
    return provider;
  }

  static ServiceDocument service(CredqlSession session, String provider, String name)
      throws UnknownObjectException {
    final ProviderDocument document = provider(session, provider);
    final ServiceDocument service = document.service(name);
    if (service == null) {
      throw new UnknownObjectException("no service called " + name + " in " + document.name()
          + "; services: " + String.join(", ", document.serviceEntries().keySet()));
    }
    return service;
  }

  static ResourceDefinition resource(CredqlSession session, String provider, String service,
      String name) throws UnknownObjectException {
    final ServiceDocument document = service(session, provider, service);
    final ResourceDefinition resource = document.resource(name);
    if (resource == null) {
      throw new UnknownObjectException("no resource called " + name + " in " + document
          + "; resources: " + String.join(", ", document.resources().keySet()));
    }
    return resource;
  }

  static ResourceDefinition resource(CredqlSession session, CalcitePrepare.Context context,
      SqlIdentifier id) throws UnknownObjectException, InvalidInputException {
    final List<String> names = parts(id, 3, "provider.service.resource", context);
    return resource(session, names.get(0), names.get(1), names.get(2));
  }

  static MethodDefinition method(CredqlSession session, CalcitePrepare.Context context,
      SqlIdentifier id) throws UnknownObjectException, InvalidInputException {
    final List<String> names = parts(id, 4, "provider.service.resource.method", context);
    final ResourceDefinition resource = resource(session, names.get(0), names.get(1), names.get(2));
    final MethodDefinition method = resource.method(names.get(3));
    if (method == null) {
      final List<String> methods = new ArrayList<>();
      resource.methods().forEach(m -> methods.add(m.name()));
      throw new UnknownObjectException("no method called " + names.get(3) + " in " + resource.id()
          + "; methods: " + String.join(", ", methods) + " (SHOW METHODS IN " + resource.id() + ")");
    }
    return method;
  }

  /**
   * The parts of a name; a name without its provider is completed with the connection's default
   * provider ({@code USE provider}, or the JDBC connection's schema), as StackQL does.
   */
  static List<String> parts(SqlIdentifier id, int count, String form, CalcitePrepare.Context context)
      throws InvalidInputException {
    final List<String> names = withDefaultProvider(id.names, count, context);
    if (names.size() != count) {
      throw new InvalidInputException("expected a name of the form " + form + ", not '"
          + String.join(".", id.names) + "'");
    }
    return names;
  }

  /** {@code names}, led by the default provider when they are one part short of {@code count} and there is one. */
  static List<String> withDefaultProvider(List<String> names, int count, CalcitePrepare.Context context) {
    final List<String> defaultPath = context.getDefaultSchemaPath();
    if (names.size() == count - 1 && defaultPath.size() == 1) {
      final List<String> completed = new ArrayList<>(defaultPath);
      completed.addAll(names);
      return completed;
    }
    return names;
  }
}
