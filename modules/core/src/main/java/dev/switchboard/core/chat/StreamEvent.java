package dev.switchboard.core.chat;

import dev.switchboard.core.usage.Usage;
import java.util.Objects;

/** One event of a streamed chat reply, delivered as soon as the provider sends it. */
public sealed interface StreamEvent {

  /** A piece of the assistant's text. */
  record TextDelta(String text) implements StreamEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A piece of a tool call. The first delta of a call carries its id and name; later ones carry
   * argument fragments to be concatenated in order.
   *
   * @param index which tool call of the reply this delta belongs to
   * @param id the call id, or {@code null} after the first delta
   * @param name the function name, or {@code null} after the first delta
   * @param argumentsFragment the next piece of the arguments JSON text; may be empty
   */
  record ToolCallDelta(int index, String id, String name, String argumentsFragment)
      implements StreamEvent {
    public ToolCallDelta {
      argumentsFragment = argumentsFragment == null ? "" : argumentsFragment;
    }
  }

  /** Generation stopped. */
  record Finish(FinishReason reason) implements StreamEvent {
    public Finish {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The usage as known at this point of the stream (already merged: not a delta). */
  record UsageReport(Usage usage) implements StreamEvent {
    public UsageReport {
      Objects.requireNonNull(usage, "usage");
    }
  }
}
