package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.Schema.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code $filter} expression into tokens, decoding OData literals: a quoted string with
 * {@code ''} standing for one quote, integers, {@code true}/{@code false}, {@code null} and bare
 * GUIDs. Kept apart from the parser so that literal rules live in one small place.
 */
final class FilterLexer {

  enum Kind {
    LPAREN,
    RPAREN,
    WORD,
    LITERAL
  }

  /**
   * One token.
   *
   * @param type the literal's type, null for {@code null} and non-literals
   * @param value the literal's value (String, Long, Boolean, canonical GUID String) or null
   */
  record Token(Kind kind, String text, Type type, Object value) {}

  private FilterLexer() {}

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        tokens.add(new Token(Kind.LPAREN, "(", null, null));
        i++;
      } else if (c == ')') {
        tokens.add(new Token(Kind.RPAREN, ")", null, null));
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        int start = i++;
        while (true) {
          if (i >= text.length()) {
            throw DataverseException.badRequest(
                "Invalid $filter '" + text + "': unterminated string literal at " + start);
          }
          char d = text.charAt(i++);
          if (d != '\'') {
            value.append(d);
          } else if (i < text.length() && text.charAt(i) == '\'') {
            value.append('\'');
            i++;
          } else {
            break;
          }
        }
        tokens.add(
            new Token(Kind.LITERAL, text.substring(start, i), Type.STRING, value.toString()));
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && "()'".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        tokens.add(word(text.substring(start, i)));
      }
    }
    return tokens;
  }

  private static Token word(String word) {
    if (Store.isGuid(word)) {
      return new Token(Kind.LITERAL, word, Type.GUID, Store.canonical(word));
    }
    if (word.matches("-?\\d+")) {
      try {
        return new Token(Kind.LITERAL, word, Type.INT, Long.parseLong(word));
      } catch (NumberFormatException e) {
        throw DataverseException.badRequest("Integer literal out of range: " + word);
      }
    }
    switch (word) {
      case "true":
      case "false":
        return new Token(Kind.LITERAL, word, Type.BOOL, Boolean.parseBoolean(word));
      case "null":
        return new Token(Kind.LITERAL, word, null, null);
      default:
        return new Token(Kind.WORD, word, null, null);
    }
  }
}
