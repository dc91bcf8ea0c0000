package dev.switchboard.providers.transport;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An error status from a provider with the start of its body, for the adapter to classify. The body
 * is never to be echoed: adapters extract the provider's error message field from it.
 *
 * @param providerId the provider that answered
 * @param status the HTTP status
 * @param headers the response headers
 * @param body at most {@link HttpTransport#ERROR_BODY_LIMIT} bytes of the body
 * @param retryHints what the headers say about retrying
 * @param secrets values to mask in any message built from this error
 */
public record UpstreamError(
    String providerId,
    int status,
    HttpHeaders headers,
    byte[] body,
    RetryHints retryHints,
    List<String> secrets) {

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String contentType() {
    return headers.firstValue("content-type").orElse("");
  }

  public String requestId() {
    return headers
        .firstValue("x-request-id")
        .or(() -> headers.firstValue("request-id"))
        .orElse(null);
  }

  /** Status and sizes only: the body may echo the key, and the secrets are secrets. */
  @Override
  public String toString() {
    return "UpstreamError[providerId="
        + providerId
        + ", status="
        + status
        + ", bodyBytes="
        + body.length
        + ", secrets="
        + secrets.size()
        + "]";
  }
}
