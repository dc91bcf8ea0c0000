package dev.switchboard.core.router;

import java.util.Map;
import java.util.Objects;

/**
 * Who is calling and for what: the workspace whose integrations serve the call, the feature or
 * module name, the caller (a user or an API key), free tags for usage reports, and the content
 * variables a feature's prompt template uses ({@code {{content.NAME}}}).
 */
public record CallContext(
    String workspace,
    String feature,
    String caller,
    Map<String, String> tags,
    Map<String, String> variables) {

  public CallContext {
    Objects.requireNonNull(workspace, "workspace");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }

  /** A context without content variables. */
  public CallContext(String workspace, String feature, String caller, Map<String, String> tags) {
    this(workspace, feature, caller, tags, Map.of());
  }

  public static CallContext of(String workspace, String caller) {
    return new CallContext(workspace, null, caller, Map.of(), Map.of());
  }

  /** The same context with content variables for the feature's template. */
  public CallContext withVariables(Map<String, String> values) {
    return new CallContext(workspace, feature, caller, tags, values);
  }
}
