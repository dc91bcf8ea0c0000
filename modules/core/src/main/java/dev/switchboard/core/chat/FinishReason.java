package dev.switchboard.core.chat;

/** Why the model stopped producing output. */
public enum FinishReason {
  /** A natural end or a stop sequence. */
  STOP,
  /** The output-token limit was reached. */
  LENGTH,
  /** The model wants tools called. */
  TOOL_CALLS,
  /** The provider's content filter cut the output. */
  CONTENT_FILTER,
  /** The provider reported an error as the finish reason. */
  ERROR,
  /** Anything a provider reports that has no equivalent here. */
  OTHER
}
