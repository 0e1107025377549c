package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.Schema.Column;
import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import com.opencx.handoff.emulators.dataverse.Schema.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The slice of OData query options the product uses ({@code $select}, {@code $filter}, {@code
 * $top}), parsed strictly: unknown columns, unsupported options, operators and functions, and
 * literals of the wrong type are refused with a message naming them, so a client cannot rely on
 * anything the emulator would merely ignore. {@code $filter} supports {@code eq}/{@code ne} between
 * a column (lookup values {@code _x_value} included) and a literal ('string' with '' for a quote,
 * integer, true/false, null, bare GUID), combined with {@code and}, {@code or}, {@code not} and
 * parentheses. String comparison ignores case, as Dataverse's collation does.
 *
 * @param select the selected columns, or null for all
 * @param filter the row predicate (always true without {@code $filter})
 * @param top the row limit, or null
 */
record ODataQuery(List<String> select, Predicate<Map<String, Object>> filter, Integer top) {

  private static final Set<String> COLLECTION_OPTIONS = Set.of("$select", "$filter", "$top");

  /** Parses the (already URL-decoded) query parameters for one row or a collection. */
  static ODataQuery parse(Entity entity, Map<String, String> params, boolean collection) {
    List<String> select = null;
    Predicate<Map<String, Object>> filter = row -> true;
    Integer top = null;
    for (Map.Entry<String, String> param : params.entrySet()) {
      String name = param.getKey();
      String value = param.getValue();
      if (!name.startsWith("$")) {
        continue; // custom query options are ignored, as by OData services
      }
      if (!COLLECTION_OPTIONS.contains(name) || !collection && !name.equals("$select")) {
        throw DataverseException.badRequest(
            "The query option '"
                + name
                + "' is not supported by the emulator here; supported: "
                + (collection ? "$select, $filter, $top" : "$select"));
      }
      switch (name) {
        case "$select":
          select = parseSelect(entity, value);
          break;
        case "$filter":
          filter = new FilterParser(entity, value).parse();
          break;
        default:
          top = parseTop(value);
      }
    }
    return new ODataQuery(select, filter, top);
  }

  private static List<String> parseSelect(Entity entity, String value) {
    List<String> columns = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String name = raw.trim();
      if (entity.readable(name).isEmpty()) {
        throw DataverseException.badRequest(
            "Could not find a property named '"
                + name
                + "' on type '"
                + entity.typeName()
                + "' in $select; known: "
                + entity.readableNames());
      }
      columns.add(name);
    }
    return columns;
  }

  private static Integer parseTop(String value) {
    try {
      int top = Integer.parseInt(value.trim());
      if (top > 0) {
        return top;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw DataverseException.badRequest("$top must be a positive integer, was '" + value + "'");
  }

  /** Recursive-descent parser over {@link FilterLexer} tokens. */
  private static final class FilterParser {
    private final Entity entity;
    private final String text;
    private final List<FilterLexer.Token> tokens;
    private int pos;

    FilterParser(Entity entity, String text) {
      this.entity = entity;
      this.text = text;
      this.tokens = FilterLexer.tokenize(text);
    }

    Predicate<Map<String, Object>> parse() {
      Predicate<Map<String, Object>> result = or();
      if (pos < tokens.size()) {
        throw error("unexpected '" + tokens.get(pos).text() + "'");
      }
      return result;
    }

    private Predicate<Map<String, Object>> or() {
      Predicate<Map<String, Object>> left = and();
      while (word("or")) {
        left = left.or(and());
      }
      return left;
    }

    private Predicate<Map<String, Object>> and() {
      Predicate<Map<String, Object>> left = primary();
      while (word("and")) {
        left = left.and(primary());
      }
      return left;
    }

    private Predicate<Map<String, Object>> primary() {
      FilterLexer.Token token = next("a comparison");
      if (token.kind() == FilterLexer.Kind.LPAREN) {
        Predicate<Map<String, Object>> inner = or();
        if (next("')'").kind() != FilterLexer.Kind.RPAREN) {
          throw error("expected ')'");
        }
        return inner;
      }
      if (token.kind() == FilterLexer.Kind.WORD && token.text().equals("not")) {
        return primary().negate();
      }
      if (token.kind() != FilterLexer.Kind.WORD) {
        throw error("expected a column name, found '" + token.text() + "'");
      }
      if (pos < tokens.size() && tokens.get(pos).kind() == FilterLexer.Kind.LPAREN) {
        throw error("function '" + token.text() + "' is not supported by the emulator");
      }
      Column column =
          entity
              .readable(token.text())
              .orElseThrow(
                  () ->
                      error(
                          "Could not find a property named '"
                              + token.text()
                              + "' on type '"
                              + entity.typeName()
                              + "'; known: "
                              + entity.readableNames()));
      String op = next("eq or ne").text();
      if (!op.equals("eq") && !op.equals("ne")) {
        throw error(
            "operator '" + op + "' after '" + column.name() + "' is not supported (eq, ne)");
      }
      FilterLexer.Token literal = next("a literal");
      Type literalType = literal.type();
      if (literal.kind() != FilterLexer.Kind.LITERAL) {
        throw error("expected a literal after '" + column.name() + " " + op + "'");
      }
      if (literalType != null && literalType != column.type()) {
        throw error(
            "A binary operator with incompatible types was detected. Found operand types '"
                + column.type().edm
                + "' and '"
                + literalType.edm
                + "' for column '"
                + column.name()
                + "'");
      }
      Predicate<Map<String, Object>> equal = row -> equal(row.get(column.name()), literal.value());
      return op.equals("eq") ? equal : equal.negate();
    }

    private static boolean equal(Object actual, Object literal) {
      if (literal == null || actual == null) {
        return literal == actual;
      }
      if (literal instanceof String) {
        return ((String) literal).equalsIgnoreCase(actual.toString());
      }
      if (literal instanceof Long) {
        return actual instanceof Number && ((Number) actual).longValue() == (Long) literal;
      }
      return literal.equals(actual);
    }

    private boolean word(String expected) {
      if (pos < tokens.size()
          && tokens.get(pos).kind() == FilterLexer.Kind.WORD
          && tokens.get(pos).text().equals(expected)) {
        pos++;
        return true;
      }
      return false;
    }

    private FilterLexer.Token next(String expected) {
      if (pos >= tokens.size()) {
        throw error("expected " + expected + " at the end");
      }
      return tokens.get(pos++);
    }

    private DataverseException error(String message) {
      return DataverseException.badRequest("Invalid $filter '" + text + "': " + message);
    }
  }
}
