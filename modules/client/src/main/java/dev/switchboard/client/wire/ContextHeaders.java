package dev.switchboard.client.wire;

import dev.switchboard.core.router.CallContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The call context as request headers, the way the gateway reads them into its own {@code
 * CallContext}: the feature, the caller (e.g. the end user the application acts for) and the tags,
 * each value percent-encoded UTF-8 so any text survives an HTTP header. The workspace is not sent:
 * the gateway takes it from the API key.
 */
public final class ContextHeaders {

  public static final String FEATURE = "x-switchboard-feature";
  public static final String CALLER = "x-switchboard-caller";

  /** {@code name=value} pairs separated by commas, as W3C baggage writes them. */
  public static final String TAGS = "x-switchboard-tags";

  private ContextHeaders() {}

  /** The feature header's value, or {@code null} (no header). */
  public static String feature(CallContext context) {
    return encode(context.feature());
  }

  /** The caller header's value, or {@code null} (no header). */
  public static String caller(CallContext context) {
    return encode(context.caller());
  }

  /** The tags header's value in name order, or {@code null} when there are none. */
  public static String tags(CallContext context) {
    if (context.tags().isEmpty()) {
      return null;
    }
    return new TreeMap<>(context.tags())
        .entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining(","));
  }

  static String encode(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** For tests and logs: the headers a context becomes, absent ones left out. */
  static Map<String, String> of(CallContext context) {
    Map<String, String> headers = new TreeMap<>();
    putIfPresent(headers, FEATURE, feature(context));
    putIfPresent(headers, CALLER, caller(context));
    putIfPresent(headers, TAGS, tags(context));
    return headers;
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }
}
