package io.credql.sql;

import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * How credql reads SQL that is not typed into a connection (views, provider-declared views):
 * credql's grammar with the connection's lexical rules (double quotes quote names, which keep
 * their case and match ignoring it), as the driver sets them for every connection.
 */
public final class CredqlParserConfig {
  public static final SqlParser.Config CONFIG = SqlParser.config().withLex(Lex.MYSQL_ANSI)
      .withParserFactory(CredqlSqlParserImpl.FACTORY).withConformance(SqlConformanceEnum.LENIENT);

  private CredqlParserConfig() {
  }
}
