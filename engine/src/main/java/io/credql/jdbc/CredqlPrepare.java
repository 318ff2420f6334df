package io.credql.jdbc;

import io.credql.error.CredqlException;
import io.credql.session.CredqlSession;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import io.credql.statement.StatementHandler;
import io.credql.statement.StatementHandlers;
import io.credql.error.SyntaxErrorException;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

import java.lang.reflect.Type;

/**
 * Calcite's prepare step, with credql's statements routed first: the statement is parsed with
 * credql's grammar; EXEC, SHOW, DESCRIBE and DML on resources are prepared by their
 * {@link StatementHandler}, everything else by Calcite. Syntax errors are reported with their
 * position and without a stack trace.
 */
public class CredqlPrepare extends CalcitePrepareImpl {
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepareSql(Context context,
      Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql != null) {
      final CredqlSession session = Sessions.of(context.getMutableRootSchema());
      final SqlNode node;
      try {
        node = parse(context.config(), query.sql);
      } catch (SqlParseException e) {
        throw SyntaxErrorException.of(e).unchecked();
      }
      final StatementHandler handler = session == null ? null : StatementHandlers.find(node, session);
      if (handler != null) {
        try {
          return handler.prepare(context, query.sql, node);
        } catch (CredqlException e) {
          throw e.unchecked();
        }
      }
    }
    return super.prepareSql(context, query, elementType, maxRowCount);
  }

  static SqlNode parse(CalciteConnectionConfig config, String sql) throws SqlParseException {
    final SqlParser.Config parserConfig = SqlParser.config()
        .withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(config.quoting())
        .withQuotedCasing(config.quotedCasing())
        .withUnquotedCasing(config.unquotedCasing())
        .withCaseSensitive(config.caseSensitive())
        .withConformance(config.conformance());
    return SqlParser.create(sql, parserConfig).parseStmt();
  }
}
