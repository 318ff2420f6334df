package io.credql.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Go-template subset of StackQL's {@code transform} bodies gives what Go's {@code text/template}
 * gives for the same template and decoded JSON, and a template outside the subset is refused
 * naming what was not understood.
 */
class GoTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String run(String template, String json) throws Exception {
    return GoTemplate.parse(template).execute(JSON.readTree(json));
  }

  @Test void trimMarkersEatTheSpaceBesideThemAndOnlyThat() throws Exception {
    assertEquals("a|b c", run("a  {{- \"|\" -}}  b {{ \"c\" }}", "{}"));
  }

  @Test void fieldsIndexAndVariablesReadTheDecodedBody() throws Exception {
    assertEquals("x 2 x", run("{{ $v := .a.b }}{{ $v }} {{ index . \"n\" }} {{ index . \"a\" \"b\" }}",
        "{\"a\": {\"b\": \"x\"}, \"n\": 2}"));
  }

  @Test void aMissingFieldPrintsNoValueAndIsFalse() throws Exception {
    assertEquals("<no value> no", run("{{ .gone }} {{ if .gone }}yes{{ else }}no{{ end }}", "{}"));
  }

  @Test void numbersAreFloat64sPrintedAsGoPrintsThem() throws Exception {
    assertEquals("5 1.234567e+06 0.5 1e+21 123456", run("{{ .a }} {{ .b }} {{ .c }} {{ .d }} {{ .e }}",
        "{\"a\": 5, \"b\": 1234567, \"c\": 0.5, \"d\": 1e21, \"e\": 123456}"));
  }

  @Test void rangeGivesIndexAndElementAndElseWhenEmpty() throws Exception {
    assertEquals("[{\"n\":\"a\"},{\"n\":\"b\"}] none",
        run("[{{ range $i, $v := .xs }}{{ if $i }},{{ end }}{\"n\":{{ toJson $v }}}{{ end }}] "
            + "{{ range .ys }}x{{ else }}none{{ end }}", "{\"xs\": [\"a\", \"b\"], \"ys\": []}"));
  }

  @Test void rangeOverAMapGoesInKeyOrder() throws Exception {
    assertEquals("a=1;b=2;", run("{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}", "{\"b\": 2, \"a\": 1}"));
  }

  @Test void anAssignmentInsideALoopChangesTheVariableOutsideIt() throws Exception {
    assertEquals("1,2,3", run("{{- $sep := \"\" -}}{{ range .xs }}{{ $sep }}{{ . }}{{ $sep = \",\" }}{{ end }}",
        "{\"xs\": [1, 2, 3]}"));
  }

  @Test void elseIfChainsAndKindOfTellTheShapeOfAValue() throws Exception {
    final String template = "{{ range .xs }}{{ if eq (kindOf .) \"map\" }}m{{ else if eq (kindOf .) \"slice\" }}s"
        + "{{ else if eq (kindOf .) \"string\" }}t{{ else }}{{ kindOf . }}{{ end }};{{ end }}";
    assertEquals("m;s;t;float64;bool;invalid;", run(template, "{\"xs\": [{}, [], \"x\", 1, true, null]}"));
  }

  @Test void andStopsBeforeAnOperandThatWouldFail() throws Exception {
    assertEquals("none", run("{{ if and .zones (gt (len .zones) 0) }}some{{ else }}none{{ end }}", "{}"));
  }

  @Test void printfQuotesAndWrapsAndJsonMapFromStringReadsTheResult() throws Exception {
    assertEquals("\"k\\\"ey\" 2",
        GoTemplate.parse("{{ printf \"%q\" \"k\\\"ey\" }} {{ len (index (jsonMapFromString (printf \"{\\\"all\\\":%s}\" .)) \"all\") }}")
            .execute("[\"a\", \"b\"]"));
  }

  @Test void aSeparatorIsEmptyTheFirstTimeItIsCalled() throws Exception {
    assertEquals("[1, 2, 3]", run("{{- $s := separator \", \" -}}[{{ range .xs }}{{ call $s }}{{ . }}{{ end }}]",
        "{\"xs\": [1, 2, 3]}"));
  }

  @Test void pipesGiveTheValueAsTheLastArgument() throws Exception {
    assertEquals("{\"a\":1}", run("{{ .o | toJson }}", "{\"o\": {\"a\": 1}}"));
  }

  @Test void aTemplateOutsideTheSubsetIsRefusedSayingWhat() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GoTemplate.parse("{{ upper .name }}"))
        .getMessage().contains("function upper is not supported"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GoTemplate.parse("{{ define \"x\" }}{{ end }}"))
        .getMessage().contains("define"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GoTemplate.parse("{{ if .a }}open"))
        .getMessage().contains("not closed"));
  }

  @Test void aTemplateThatCannotRunOnTheDataSaysWhy() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> run("{{ index .xs 5 }}", "{\"xs\": [1]}"))
        .getMessage().contains("index out of range"));
  }

  /**
   * Each way a template can fail on the values it meets names the action as the document writes it
   * (which names the field) and the problem, never the value: a template reads passwords too.
   */
  @Test void aTemplateThatFailsOnAValueNamesTheActionAndTheProblemButNeverTheValue() {
    final String data = "{\"password\": \"LeakS3cret-9f2\", \"format\": \"%LeakS3cret-9f2\","
        + " \"xs\": [1], \"n\": 73120514}";
    assertFailsNaming("{{ range .password }}{{ end }}", data, "{{ range .password }}: range can't iterate over a string");
    assertFailsNaming("{{ call .password }}", data, "{{ call .password }}: call of a non-function (a string)");
    assertFailsNaming("{{ jsonMapFromString .password }}", data,
        "{{ jsonMapFromString .password }}: jsonMapFromString: the text is not JSON");
    assertFailsNaming("{{ if .xs }}{{ printf .format 1 }}{{ end }}", data,
        "{{ printf .format 1 }}: printf's format uses a verb other than");
    assertFailsNaming("{{ index .xs .n }}", data, "{{ index .xs .n }}: index out of range of a list of 1");
    assertFailsNaming("{{ if gt .password 5.0 }}{{ end }}", data,
        "{{ if gt .password 5.0 }}: incompatible types for comparison: string and float64");
  }

  private static void assertFailsNaming(String template, String data, String expected) {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(template, data));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    for (String leaked : new String[] {"LeakS3cret", "%L", "73120514"}) {
      assertFalse(e.getMessage().contains(leaked), e.getMessage());
    }
    assertNull(e.getCause(), "no cause that quotes the value");
  }
}
