package io.credql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parse tree of StackQL's {@code DESCRIBE [EXTENDED] provider.service.resource}. */
public class SqlDescribeResource extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DESCRIBE RESOURCE", SqlKind.OTHER);

  private final boolean extended;
  private final SqlIdentifier resource;

  public SqlDescribeResource(SqlParserPos pos, boolean extended, SqlIdentifier resource) {
    super(pos);
    this.extended = extended;
    this.resource = requireNonNull(resource, "resource");
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(resource);
  }

  public boolean isExtended() {
    return extended;
  }

  public SqlIdentifier resource() {
    return resource;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE");
    if (extended) {
      writer.keyword("EXTENDED");
    }
    resource.unparse(writer, 0, 0);
  }
}
