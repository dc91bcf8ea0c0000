package dev.switchboard.core.chat;

import java.util.Objects;

/**
 * Whether and which tool the model must call.
 *
 * @param mode the policy
 * @param functionName the function to call when the mode is {@link Mode#FUNCTION}
 */
public record ToolChoice(Mode mode, String functionName) {

  /** The tool-choice policies every provider family can express. */
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    FUNCTION
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.FUNCTION) != (functionName != null)) {
      throw new IllegalArgumentException("a function name goes with mode FUNCTION only");
    }
  }

  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, name);
  }
}
