package io.credql.plan;

import com.google.common.base.Suppliers;
import io.credql.document.MethodChooser;
import io.credql.document.MethodDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SqlVerb;
import io.credql.error.RequiredParameterMissingException;
import io.credql.error.UnsupportedVerbException;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import io.credql.schema.ResourceRowType;
import io.credql.session.CredqlSession;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Table of one resource. Planning turns it into a {@link ResourceTableScan}; which of its SELECT
 * methods a scan calls depends on the parameters the query binds, as in StackQL: the first method
 * whose required inputs are all bound.
 */
public final class ResourceTable extends AbstractTable implements TranslatableTable {
  /** The words of StackQL's generated documentation for a resource that has no SELECT method. */
  public static final String SELECT_NOT_SUPPORTED = "SELECT not supported for this resource, "
      + "use SHOW METHODS to view available operations for the resource";

  private final CredqlSession session;
  private final ResourceDefinition resource;
  private final Supplier<ResourceColumns> columns;

  public ResourceTable(CredqlSession session, ResourceDefinition resource) {
    this.session = requireNonNull(session, "session");
    this.resource = requireNonNull(resource, "resource");
    this.columns = Suppliers.memoize(() -> session.properties().callErrorsAsRows()
        ? ResourceColumns.of(resource).withErrorColumn() : ResourceColumns.of(resource));
  }

  public CredqlSession session() {
    return session;
  }

  public ResourceDefinition resource() {
    return resource;
  }

  public ResourceColumns columns() {
    return columns.get();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    final RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ResourceColumn column : columns().list()) {
      builder.add(column.name(), typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(column.sqlType()), true));
    }
    return new ResourceRowType(builder.build().getFieldList(), columns(), resource.id());
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    if (resource.isView() && !resource.isSelectable()) {
      return ProviderView.toRel(this, context, relOptTable);
    }
    if (!resource.isSelectable()) {
      throw new UnsupportedVerbException(SELECT_NOT_SUPPORTED).unchecked();
    }
    return new ResourceTableScan(context.getCluster(), relOptTable, this, ParameterBindings.NONE);
  }

  /** The SELECT method to call when {@code bound} inputs have values, or null if none can run. */
  public @Nullable MethodDefinition selectMethod(Set<String> bound) {
    return new MethodChooser(resource, SqlVerb.SELECT).first(bound);
  }

  /** The error for a SELECT whose bound inputs satisfy no method: every missing parameter, per method. */
  public RequiredParameterMissingException missingParameters(Set<String> bound) {
    return new MethodChooser(resource, SqlVerb.SELECT).missing(bound,
        "Bind them in WHERE (name = value, name IN (...), name = ?) or through a join;");
  }

  @Override public String toString() {
    return "ResourceTable(" + resource.id() + ")";
  }
}
