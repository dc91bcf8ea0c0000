package dev.switchboard.providers.transport;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP call to a provider.
 *
 * @param providerId for error attribution
 * @param method {@code GET} or {@code POST}
 * @param uri the full URI
 * @param headers request headers, credential included
 * @param body the request body, or {@code null} for none
 * @param timeouts connect, idle and total deadlines
 * @param maxResponseBytes the cap on the response body
 * @param secrets values to mask in any error message (the key, secret header values)
 * @param errors the adapter's mapping of error responses
 * @param addressPolicy the hosts and addresses this call may reach; {@code null} means {@link
 *     AddressPolicy#defaults()}
 */
public record TransportRequest(
    String providerId,
    String method,
    URI uri,
    Map<String, String> headers,
    byte[] body,
    Endpoint.Timeouts timeouts,
    long maxResponseBytes,
    List<String> secrets,
    ErrorTranslator errors,
    AddressPolicy addressPolicy) {

  public TransportRequest {
    addressPolicy = addressPolicy == null ? AddressPolicy.defaults() : addressPolicy;
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    secrets = List.copyOf(secrets);
  }

  /** The same call to another URI (a same-host redirect). */
  TransportRequest redirectedTo(URI target) {
    return new TransportRequest(
        providerId,
        method,
        target,
        headers,
        body,
        timeouts,
        maxResponseBytes,
        secrets,
        errors,
        addressPolicy);
  }

  @Override
  public String toString() {
    return method
        + " "
        + uri.getScheme()
        + "://"
        + uri.getAuthority()
        + uri.getPath()
        + " headers="
        + new TreeMap<>(headers).keySet();
  }
}
