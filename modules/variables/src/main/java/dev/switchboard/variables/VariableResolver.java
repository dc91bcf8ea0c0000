package dev.switchboard.variables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the variable references in field values against a {@link VariableLookup}, in a {@link
 * ResolutionPhase} that decides which scopes are allowed.
 *
 * <p>Every reference is checked against the phase before any value is looked up, and every missing
 * variable is named in one error. Values are looked up on each call and inserted literally; the
 * resolver never caches, stores or logs them. Instances are immutable and thread-safe if their
 * lookup is.
 */
public final class VariableResolver {

  private final VariableLookup lookup;

  /**
   * A resolver over a lookup.
   *
   * @param lookup where values come from
   */
  public VariableResolver(VariableLookup lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * A resolver that takes sample values first and this resolver's lookup for the rest: what a
   * connection test or a preview uses after asking for sample values.
   *
   * @param samples values typed in for this test only
   * @return the layered resolver
   */
  public VariableResolver withSamples(Map<VariableReference, String> samples) {
    return new VariableResolver(VariableLookup.of(samples).orElse(lookup));
  }

  /**
   * Resolves a field value.
   *
   * @param value the field value, possibly with references
   * @param phase the phase, which decides the allowed scopes
   * @return the value with every reference replaced
   * @throws TemplateSyntaxException if a reference is malformed
   * @throws ResolutionException if a scope is not allowed or a variable is not set
   */
  public String resolve(String value, ResolutionPhase phase) {
    return resolve(Template.parse(value), phase);
  }

  /**
   * Resolves a parsed field value.
   *
   * @param template the parsed value
   * @param phase the phase, which decides the allowed scopes
   * @return the value with every reference replaced
   * @throws ResolutionException if a scope is not allowed or a variable is not set
   */
  public String resolve(Template template, ResolutionPhase phase) {
    Objects.requireNonNull(phase, "phase");
    checkPhase(template.references(), phase);
    Map<VariableReference, String> values = new HashMap<>();
    List<VariableReference> missing = new ArrayList<>();
    for (VariableReference reference : template.references()) {
      Optional<String> value = lookup.find(reference.scope(), reference.name());
      if (value.isPresent()) {
        values.put(reference, value.get());
      } else {
        missing.add(reference);
      }
    }
    if (!missing.isEmpty()) {
      throw ResolutionException.missing(missing);
    }
    return template.render(values);
  }

  /**
   * Checks that a value can be resolved in a phase without looking any value up: for validating a
   * field when it is saved.
   *
   * @param template the parsed value
   * @param phase the phase it will be resolved in
   * @throws ResolutionException if a reference's scope is not allowed in the phase
   */
  public static void checkPhase(Template template, ResolutionPhase phase) {
    checkPhase(template.references(), phase);
  }

  private static void checkPhase(List<VariableReference> references, ResolutionPhase phase) {
    List<VariableReference> refused = new ArrayList<>();
    for (VariableReference reference : references) {
      if (!phase.allows(reference.scope())) {
        refused.add(reference);
      }
    }
    if (!refused.isEmpty()) {
      throw ResolutionException.notAllowed(refused, phase);
    }
  }
}
