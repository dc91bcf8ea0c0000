package dev.switchboard.providers.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.Capability;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.transport.BufferedResponse;
import dev.switchboard.providers.transport.ErrorTranslator;
import dev.switchboard.providers.transport.TransportRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds transport requests from an endpoint the same way for every adapter: the credential in the
 * provider's header (never in the URL), the endpoint's extra headers, its deadlines and byte cap,
 * and the list of values to mask in errors.
 */
public final class ProviderCalls {

  private ProviderCalls() {}

  /** A JSON POST. */
  public static TransportRequest post(
      Endpoint endpoint,
      AuthStyle auth,
      URI uri,
      JsonNode body,
      Map<String, String> wireHeaders,
      ErrorTranslator errors) {
    Map<String, String> profile = profileHeaders(endpoint, uri);
    Map<String, String> headers = headers(endpoint, auth, profile, wireHeaders);
    headers.put("Content-Type", "application/json");
    return request(endpoint, "POST", uri, headers, profile, Json.bytes(body), errors);
  }

  /** A GET, e.g. a model listing. */
  public static TransportRequest get(
      Endpoint endpoint,
      AuthStyle auth,
      URI uri,
      Map<String, String> wireHeaders,
      ErrorTranslator errors) {
    Map<String, String> profile = profileHeaders(endpoint, uri);
    return request(
        endpoint, "GET", uri, headers(endpoint, auth, profile, wireHeaders), profile, null, errors);
  }

  /**
   * The JSON of a successful response; a malformed body is an {@code UPSTREAM_PROTOCOL} error that
   * does not quote it.
   */
  public static JsonNode json(String providerId, BufferedResponse response) {
    try {
      return Json.parse(response.body());
    } catch (WireFormatException e) {
      throw malformed(providerId, response.status(), e);
    }
  }

  /** A 2xx response whose content broke the provider's format. */
  public static ProviderException malformed(String providerId, int status, Throwable cause) {
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL,
            "upstream answered HTTP " + status + " with a malformed body")
        .provider(providerId)
        .httpStatus(status)
        .providerCode("malformed_response")
        .cause(cause)
        .build();
  }

  /** The error for an operation a provider does not offer. */
  public static ProviderException unsupported(String providerId, String operation) {
    return ProviderException.builder(
            ErrorCategory.BAD_REQUEST, providerId + " does not support " + operation)
        .provider(providerId)
        .providerCode("unsupported")
        .build();
  }

  /**
   * Refuses, before any call, a request using what the provider does not offer (tools, images, JSON
   * formats), and an unsupported operation.
   */
  public static void requireSupport(ProviderDescriptor provider, ChatRequest request) {
    if (!request.tools().isEmpty() && !provider.supports(Capability.TOOLS)) {
      throw unsupported(provider.id(), "tools");
    }
    if (request.messages().stream().anyMatch(Message::hasImages)
        && !provider.supports(Capability.VISION)) {
      throw unsupported(provider.id(), "image input");
    }
    if (request.responseFormat() != null
        && request.responseFormat().kind() != ResponseFormat.Kind.TEXT
        && !provider.supports(Capability.JSON)) {
      throw unsupported(provider.id(), "JSON response formats");
    }
  }

  /** The values that must never show in an error: the key and every extra header value. */
  public static List<String> secrets(Endpoint endpoint) {
    List<String> secrets = new ArrayList<>(endpoint.extraHeaders().values());
    if (endpoint.apiKey() != null) {
      secrets.add(endpoint.apiKey());
    }
    return secrets;
  }

  /**
   * The call's headers: the endpoint's extra headers, the wire's, then the credential: the auth
   * profile's headers when the endpoint has one, else the key in the provider's style.
   */
  private static Map<String, String> headers(
      Endpoint endpoint,
      AuthStyle auth,
      Map<String, String> profile,
      Map<String, String> wireHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json, text/event-stream, application/x-ndjson");
    headers.put("User-Agent", "switchboard");
    headers.putAll(endpoint.extraHeaders());
    headers.putAll(wireHeaders);
    if (endpoint.auth() != null) {
      headers.putAll(profile);
    } else if (endpoint.apiKey() != null && !endpoint.apiKey().isEmpty()) {
      headers.put(auth.headerName(), auth.headerValue(endpoint.apiKey()));
    }
    return headers;
  }

  /** The auth profile's headers for this call (fetching a token if need be), or none. */
  private static Map<String, String> profileHeaders(Endpoint endpoint, URI uri) {
    return endpoint.auth() == null ? Map.of() : endpoint.auth().headers(uri);
  }

  private static TransportRequest request(
      Endpoint endpoint,
      String method,
      URI uri,
      Map<String, String> headers,
      Map<String, String> profile,
      byte[] body,
      ErrorTranslator errors) {
    List<String> secrets = secrets(endpoint);
    secrets.addAll(profile.values());
    return new TransportRequest(
        endpoint.providerId(),
        method,
        uri,
        headers,
        body,
        endpoint.timeouts(),
        endpoint.maxResponseBytes(),
        secrets,
        errors,
        endpoint.addressPolicy());
  }
}
