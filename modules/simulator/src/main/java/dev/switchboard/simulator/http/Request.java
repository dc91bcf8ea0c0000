package dev.switchboard.simulator.http;

/**
 * A parsed request head.
 *
 * @param rawPath the path, still percent-encoded; {@code *} for {@code OPTIONS *}
 * @param rawQuery the query without {@code ?}, still encoded, or null
 * @param http11 whether the client speaks HTTP/1.1 (else HTTP/1.0)
 */
record Request(String method, String rawPath, String rawQuery, boolean http11, Headers headers) {

  /** Whether the client lets the connection serve another request after this one. */
  boolean keepAlive() {
    if (http11) {
      return !headers.hasToken("Connection", "close");
    }
    return headers.hasToken("Connection", "keep-alive");
  }

  boolean expectsContinue() {
    String expect = headers.first("Expect");
    return http11 && expect != null && expect.equalsIgnoreCase("100-continue");
  }

  boolean isHead() {
    return method.equals("HEAD");
  }
}
