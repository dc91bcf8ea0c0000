package dev.switchboard.variables;

import java.util.EnumSet;
import java.util.Set;

/** When references are resolved, which decides the scopes they may use. */
public enum ResolutionPhase {
  /** A real call: environment and content variables only. */
  RUNTIME(EnumSet.of(VariableScope.ENVIRONMENT, VariableScope.CONTENT)),
  /** Test connection and previews: context variables too. */
  DESIGN_TIME(EnumSet.allOf(VariableScope.class));

  private final Set<VariableScope> allowed;

  ResolutionPhase(Set<VariableScope> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * Whether references in a scope may be resolved in this phase.
   *
   * @param scope the scope
   * @return true if allowed
   */
  public boolean allows(VariableScope scope) {
    return allowed.contains(scope);
  }

  /**
   * The scopes allowed in this phase.
   *
   * @return the scopes
   */
  public Set<VariableScope> allowedScopes() {
    return allowed;
  }
}
