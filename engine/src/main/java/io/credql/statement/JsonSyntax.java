package io.credql.statement;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;

/**
 * Where and what kind of syntax error a JSON value has, never its text: the value may be a
 * secret ({@code "password": Leak...} unquoted), and Jackson's own message quotes the token.
 */
final class JsonSyntax {
  private JsonSyntax() {
  }

  /** E.g. "unexpected text at line 1, column 14". */
  static String describe(IOException e) {
    final String kind = e instanceof JsonEOFException ? "it ends too early" : "unexpected text";
    if (e instanceof JsonProcessingException) {
      final JsonLocation location = ((JsonProcessingException) e).getLocation();
      if (location != null && location.getLineNr() > 0) {
        return kind + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      }
    }
    return kind;
  }
}
