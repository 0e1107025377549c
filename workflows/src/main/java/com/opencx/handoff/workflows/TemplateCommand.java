package com.opencx.handoff.workflows;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a rep's {@code /template <name> [param…]}: split on whitespace, a parameter with
 * spaces in double quotes ({@code /template order_update "order 1042"}), so a rep can fill a
 * template's placeholders from the chat box without a picker.
 */
final class TemplateCommand {

  private TemplateCommand() {}

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
