package com.opencx.handoff.activities.http;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Turns a request's URL into the {@code uri} tag of the HTTP client metrics: its path below the
 * client's base, with every id replaced, and never its query (Dataverse's {@code $filter} holds
 * phones and emails). An id is the segment after one of the client's collections ({@code
 * sessions/{id}}, {@code conversations/{id}}), an OData key ({@code annotations({id})}), or any
 * segment that is not a plain word or an API version; a URL on another host is {@code {external}}
 * (e.g. a file the rep attached, fetched from wherever Direct Line keeps it). So the tag takes a
 * handful of values per client, e.g. {@code contacts}, {@code msdyn_ocliveworkitems({id})}, {@code
 * $batch}, {@code v3/directline/conversations/{id}/activities}.
 */
public final class PathTemplate implements Function<Request, String> {

  private static final Pattern WORD = Pattern.compile("v\\d+(\\.\\d+)?|[A-Za-z_$][A-Za-z_$-]*");
  private static final Pattern CALL = Pattern.compile("([A-Za-z_$][A-Za-z_$-]*)\\((.*)\\)");

  private final HttpUrl base;
  private final List<String> basePath;
  private final Set<String> collections;

  /**
   * Paths are read below {@code base}'s path; a segment after one of {@code collections} is an id.
   */
  public PathTemplate(HttpUrl base, Set<String> collections) {
    this.base = base;
    this.basePath = base.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
    this.collections = Set.copyOf(collections);
  }

  @Override
  public String apply(Request request) {
    return template(request.url());
  }

  /** The template of {@code url}. */
  public String template(HttpUrl url) {
    if (!url.host().equals(base.host()) || url.port() != base.port()) {
      return "{external}";
    }
    List<String> segments = url.encodedPathSegments();
    int from = startsWithBase(segments) ? basePath.size() : 0;
    StringBuilder template = new StringBuilder();
    String previous = null;
    for (String segment : segments.subList(from, segments.size())) {
      if (segment.isEmpty()) {
        continue;
      }
      template.append(template.length() == 0 ? "" : "/").append(segment(segment, previous));
      previous = segment;
    }
    return template.length() == 0 ? "/" : template.toString();
  }

  private boolean startsWithBase(List<String> segments) {
    return segments.size() >= basePath.size()
        && segments.subList(0, basePath.size()).equals(basePath);
  }

  private String segment(String segment, String previous) {
    if (previous != null && collections.contains(previous)) {
      return "{id}";
    }
    var call = CALL.matcher(segment);
    if (call.matches()) {
      return call.group(1) + (call.group(2).isEmpty() ? "()" : "({id})");
    }
    return WORD.matcher(segment).matches() ? segment : "{id}";
  }
}
