package dev.switchboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the simulator received it, whatever its outcome: for tests that check what a
 * client sent upstream (which key, which headers, what body), not only how many requests came.
 *
 * @param family the family (first path segment) it was addressed to
 * @param method the HTTP method
 * @param path the whole path as received, family prefix included, still percent-encoded
 * @param query the query string without {@code ?}, still encoded, or null
 * @param headers every header field in the order received (names as sent)
 * @param body the body's bytes, at most {@link #MAX_BODY} of them
 * @param bodyTruncated whether the body was longer than what is kept
 */
public record ReceivedRequest(
    String family,
    String method,
    String path,
    String query,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean bodyTruncated) {

  /** Body bytes kept per request. */
  public static final int MAX_BODY = 1 << 20;

  public ReceivedRequest {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header field (case-insensitive name), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Whether the text appears anywhere in what was sent: path, query, any header, the body. */
  public boolean contains(String text) {
    if (path.contains(text) || (query != null && query.contains(text))) {
      return true;
    }
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().contains(text) || h.getValue().contains(text)) {
        return true;
      }
    }
    return bodyText().contains(text);
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query) + " " + headerNames();
  }

  private String headerNames() {
    return headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).toList().toString();
  }
}
