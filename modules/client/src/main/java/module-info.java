/**
 * {@code LlmRouter} for applications outside the Switchboard EAR: the gateway's OpenAI-compatible
 * HTTP API behind the same interface the EAR's own modules inject. An application adds this jar
 * (and {@code switchboard-core}), sets the gateway's URL and API key, and writes {@code @Inject
 * LlmRouter router;}. Everything else (CDI, JAX-RS, JSON-P, MicroProfile Config and Rest Client)
 * the server provides.
 */
module dev.switchboard.client {
  requires transitive dev.switchboard.core;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.json;
  requires java.net.http;
  requires jakarta.ws.rs;
  requires microprofile.config.api;
  requires microprofile.rest.client.api;

  exports dev.switchboard.client;

  opens dev.switchboard.client;
  opens dev.switchboard.client.wire;
}
