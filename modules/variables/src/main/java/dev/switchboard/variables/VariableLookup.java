package dev.switchboard.variables;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a variable's current value: the stored environment variables, the content of a call, or the
 * sample values an admin typed in for a test. Implementations fetch on demand; the resolver keeps
 * nothing they return.
 */
@FunctionalInterface
public interface VariableLookup {

  /**
   * The value of a variable, if it has one.
   *
   * @param scope the variable's scope
   * @param name the variable's name
   * @return the value, or empty if the variable is not set here
   */
  Optional<String> find(VariableScope scope, String name);

  /**
   * A lookup that asks this one first and the other for what this one lacks.
   *
   * @param fallback asked when this lookup has no value
   * @return the layered lookup
   */
  default VariableLookup orElse(VariableLookup fallback) {
    return layered(this, fallback);
  }

  /**
   * A lookup that asks each layer in turn; the first value found wins. Sample values typed in at
   * test time go first, so they override stored ones.
   *
   * @param layers the lookups, highest priority first
   * @return the layered lookup
   */
  static VariableLookup layered(VariableLookup... layers) {
    List<VariableLookup> order = List.of(layers);
    return (scope, name) -> {
      for (VariableLookup layer : order) {
        Optional<String> value = layer.find(scope, name);
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * A lookup over fixed values, for example sample values for a connection test.
   *
   * @param values the values by reference; copied
   * @return the lookup
   */
  static VariableLookup of(Map<VariableReference, String> values) {
    Map<VariableReference, String> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
    return (scope, name) -> Optional.ofNullable(copy.get(new VariableReference(scope, name)));
  }

  /**
   * A lookup that knows no variable.
   *
   * @return the empty lookup
   */
  static VariableLookup none() {
    return (scope, name) -> Optional.empty();
  }
}
