package dev.switchboard.core.router;

import java.util.Map;
import java.util.Objects;

/**
 * Who is calling and for what: the workspace whose integrations serve the call, the feature or
 * module name, the caller (a user or an API key) and free tags for usage reports.
 */
public record CallContext(
    String workspace, String feature, String caller, Map<String, String> tags) {

  public CallContext {
    Objects.requireNonNull(workspace, "workspace");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static CallContext of(String workspace, String caller) {
    return new CallContext(workspace, null, caller, Map.of());
  }
}
