package dev.switchboard.providers.transport;

import java.net.http.HttpHeaders;

/**
 * A complete successful response.
 *
 * @param status the 2xx status
 * @param headers the response headers
 * @param body the body, at most the request's byte cap
 */
public record BufferedResponse(int status, HttpHeaders headers, byte[] body) {

  public String requestId() {
    return headers
        .firstValue("x-request-id")
        .or(() -> headers.firstValue("request-id"))
        .orElse(null);
  }
}
