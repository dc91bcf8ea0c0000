package dev.switchboard.core.chat;

/** Who wrote a message in a conversation. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  /** The result of a tool call, sent back to the model. */
  TOOL
}
