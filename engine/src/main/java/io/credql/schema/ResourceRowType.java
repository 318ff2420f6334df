package io.credql.schema;

import io.credql.error.InvalidInputException;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelRecordType;
import org.apache.calcite.rel.type.StructKind;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Row type of a resource table, whose columns also answer to the other spellings of their names:
 * {@code systemData} finds the column shown as {@code system_data} and the other way round. Calcite's
 * validator looks every column reference up through {@link #getField}, and rewrites the reference to
 * the name found, so the select list, WHERE, GROUP BY, ORDER BY and JOIN ON all accept both names,
 * while {@code *}, DESCRIBE and the JDBC metadata show each column once, under its one name.
 */
public final class ResourceRowType extends RelRecordType {
  private final ResourceColumns columns;
  private final String resourceId;

  public ResourceRowType(List<RelDataTypeField> fields, ResourceColumns columns, String resourceId) {
    super(StructKind.FULLY_QUALIFIED, fields, false);
    this.columns = requireNonNull(columns, "columns");
    this.resourceId = requireNonNull(resourceId, "resourceId");
  }

  /** The resource's columns, which say which are parameters and of what JSON type. */
  public ResourceColumns columns() {
    return columns;
  }

  public String resourceId() {
    return resourceId;
  }

  @Override public @Nullable RelDataTypeField getField(String fieldName, boolean caseSensitive,
      boolean elideRecord) {
    final RelDataTypeField field = super.getField(fieldName, caseSensitive, elideRecord);
    if (field != null) {
      return field;
    }
    final int index;
    try {
      index = columns.resolve(fieldName, resourceId);
    } catch (InvalidInputException e) {
      throw e.unchecked();
    }
    return index < 0 ? null : getFieldList().get(index);
  }
}
