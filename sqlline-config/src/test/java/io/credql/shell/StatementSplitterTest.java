package io.credql.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cutting a script into statements, as {@code -e} and {@code -f} do before running anything. */
class StatementSplitterTest {
  private static List<String> texts(String script) {
    return StatementSplitter.split(script).stream().map(ScriptStatement::text).toList();
  }

  @Test void statementsEndAtEachSemicolonAndTheLastNeedsNone() {
    assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"),
        texts("SELECT 1; SELECT 2;\nSELECT 3"));
  }

  @Test void aSemicolonInsideAStringIsData() {
    assertEquals(List.of("SELECT 'a;b' AS x", "SELECT 2"),
        texts("SELECT 'a;b' AS x; SELECT 2;"));
  }

  @Test void aDoubledQuoteInsideAStringDoesNotEndTheString() {
    assertEquals(List.of("SELECT 'it''s; fine'", "SELECT 2"),
        texts("SELECT 'it''s; fine'; SELECT 2"));
  }

  @Test void aSemicolonInsideAQuotedIdentifierIsPartOfTheName() {
    assertEquals(List.of("SELECT 1 AS \"a;b\"", "SELECT 2"),
        texts("SELECT 1 AS \"a;b\"; SELECT 2"));
  }

  @Test void commentMarkersInsideAStringAreData() {
    assertEquals(List.of("SELECT '-- not a comment; /* nor this */' AS x", "SELECT 2"),
        texts("SELECT '-- not a comment; /* nor this */' AS x; SELECT 2"));
  }

  @Test void aSemicolonInsideACommentDoesNotEndTheStatement() {
    assertEquals(List.of("SELECT 1 -- one; two\n  + 1", "SELECT /* a; b */ 2"),
        texts("SELECT 1 -- one; two\n  + 1;\nSELECT /* a; b */ 2;"));
  }

  @Test void fragmentsHoldingOnlyCommentsAreNoStatements() {
    final List<ScriptStatement> statements = StatementSplitter.split(
        "-- setup\n;\n/* nothing here */;\n  ;;\nSELECT 1;\n-- trailing comment\n");
    assertEquals(List.of(new ScriptStatement(1, 5, "SELECT 1")), statements);
  }

  @Test void aScriptOfOnlyCommentsHasNoStatements() {
    assertEquals(List.of(), texts("-- nothing\n/* at\nall */\n"));
  }

  @Test void eachStatementKnowsTheLineItStartsOnAfterLeadingComments() {
    final List<ScriptStatement> statements = StatementSplitter.split(String.join("\n",
        "-- reads first",                                  // 1
        "SELECT 1;",                                       // 2
        "",                                                // 3
        "/* a comment",                                    // 4
        "   over two lines */ SELECT 'multi",              // 5
        "line string';",                                   // 6
        "SELECT",                                          // 7
        "  3"));                                           // 8
    assertEquals(List.of(
        new ScriptStatement(1, 2, "SELECT 1"),
        new ScriptStatement(2, 5, "SELECT 'multi\nline string'"),
        new ScriptStatement(3, 7, "SELECT\n  3")), statements);
  }

  @Test void aHintInsideAnExecStaysWithTheStatement() {
    assertEquals(List.of("EXEC /*+ AWAIT */ acme.things.thing_secrets.rotateThingSecret @thingId = 1"),
        texts("EXEC /*+ AWAIT */ acme.things.thing_secrets.rotateThingSecret @thingId = 1;"));
  }

  @Test void anUnterminatedStringRunsToTheEndAndIsLeftToTheParser() {
    assertEquals(List.of("SELECT 1", "SELECT 'open; still open"),
        texts("SELECT 1; SELECT 'open; still open"));
  }
}
