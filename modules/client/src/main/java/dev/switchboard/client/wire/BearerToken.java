package dev.switchboard.client.wire;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds the gateway API key to every call; the key is held here only, never logged. */
public final class BearerToken implements ClientRequestFilter {

  private final String value;

  public BearerToken(String apiKey) {
    this.value = "Bearer " + apiKey;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, value);
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
