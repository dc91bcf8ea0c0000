package dev.switchboard.variables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * References could not be resolved: variables not set, or a scope the phase does not allow. The
 * message and {@link #references()} name the variables ({@code env.OPENAI_KEY}), never a value.
 */
public final class ResolutionException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /** Why resolution failed. */
  public enum Reason {
    /** No lookup has a value for these variables. */
    MISSING,
    /** These variables' scope cannot be resolved in the requested phase. */
    SCOPE_NOT_ALLOWED
  }

  /** Why resolution failed. */
  private final Reason reason;

  private final transient List<VariableReference> references;

  private ResolutionException(Reason reason, List<VariableReference> references, String message) {
    super(message);
    this.reason = reason;
    this.references = List.copyOf(references);
  }

  static ResolutionException missing(List<VariableReference> missing) {
    String names = join(missing);
    String message =
        missing.size() == 1
            ? "Variable " + names + " is not set"
            : "Variables " + names + " are not set";
    return new ResolutionException(Reason.MISSING, missing, message);
  }

  static ResolutionException notAllowed(List<VariableReference> refused, ResolutionPhase phase) {
    return new ResolutionException(
        Reason.SCOPE_NOT_ALLOWED,
        refused,
        "Cannot resolve "
            + join(refused)
            + " in phase "
            + phase
            + ": it allows only "
            + phase.allowedScopes().stream()
                .sorted()
                .map(VariableScope::prefix)
                .collect(Collectors.joining(", "))
            + " variables (context variables exist only at design time: tests and previews)");
  }

  /**
   * Why resolution failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The variables that could not be resolved.
   *
   * @return the references, in order of first use
   */
  public List<VariableReference> references() {
    return references == null ? List.of() : references;
  }

  private static String join(List<VariableReference> references) {
    return references.stream().map(VariableReference::toString).collect(Collectors.joining(", "));
  }
}
