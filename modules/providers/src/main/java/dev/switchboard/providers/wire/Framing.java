package dev.switchboard.providers.wire;

/** How a provider frames its stream. */
public enum Framing {
  /** Server-Sent Events. */
  SSE,
  /** One JSON object a line (Ollama); each line arrives as an event named {@code "message"}. */
  NDJSON
}
