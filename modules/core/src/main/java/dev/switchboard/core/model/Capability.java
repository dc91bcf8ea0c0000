package dev.switchboard.core.model;

/** What a model can do. */
public enum Capability {
  CHAT,
  STREAMING,
  TOOLS,
  VISION,
  /** JSON object or JSON schema response formats. */
  JSON,
  EMBEDDINGS
}
