package dev.switchboard.variables;

import static dev.switchboard.variables.ResolutionPhase.DESIGN_TIME;
import static dev.switchboard.variables.ResolutionPhase.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariableResolverTest {

  private static final String KEY = "sk-CANARY-123456";

  /** Stands for the stored variables: read live on every lookup, as a repository would. */
  private final Map<VariableReference, String> stored = new HashMap<>();

  private final VariableResolver resolver =
      new VariableResolver(
          (scope, name) -> Optional.ofNullable(stored.get(new VariableReference(scope, name))));

  VariableResolverTest() {
    stored.put(VariableReference.parse("env.OPENAI_KEY"), KEY);
    stored.put(VariableReference.parse("env.REGION"), "eu-west-1");
    stored.put(VariableReference.parse("content.customer_name"), "Ada");
    stored.put(VariableReference.parse("context.region"), "eu");
  }

  @Test
  void resolvesTextMixedWithReferences() {
    assertThat(resolver.resolve("Bearer {{env.OPENAI_KEY}}", RUNTIME)).isEqualTo("Bearer " + KEY);
    assertThat(resolver.resolve("Hi {{content.customer_name}} ({{env.REGION}})", RUNTIME))
        .isEqualTo("Hi Ada (eu-west-1)");
  }

  @Test
  void plainValuesPassThrough() {
    assertThat(resolver.resolve("application/json", RUNTIME)).isEqualTo("application/json");
  }

  @Test
  void contextVariablesAreRefusedAtRuntime() {
    ResolutionException e =
        catchThrowableOfType(
            ResolutionException.class,
            () -> resolver.resolve("{{env.REGION}}/{{context.region}}", RUNTIME));

    assertThat(e.reason()).isEqualTo(ResolutionException.Reason.SCOPE_NOT_ALLOWED);
    assertThat(e.references()).extracting(Object::toString).containsExactly("context.region");
    assertThat(e.getMessage())
        .contains("context.region", "RUNTIME", "env, content")
        .doesNotContain("eu-west-1");
  }

  @Test
  void contextVariablesResolveAtDesignTime() {
    assertThat(resolver.resolve("{{env.REGION}}/{{context.region}}", DESIGN_TIME))
        .isEqualTo("eu-west-1/eu");
  }

  @Test
  void phaseIsCheckedBeforeAnyValueIsLookedUp() {
    List<String> asked = new ArrayList<>();
    VariableResolver recording =
        new VariableResolver(
            (scope, name) -> {
              asked.add(scope.prefix() + "." + name);
              return Optional.of("v");
            });

    assertThatThrownBy(() -> recording.resolve("{{env.A}}{{context.B}}", RUNTIME))
        .isInstanceOf(ResolutionException.class);
    assertThat(asked).isEmpty();
  }

  @Test
  void missingVariableIsNamedButNoValueIsShown() {
    ResolutionException e =
        catchThrowableOfType(
            ResolutionException.class,
            () -> resolver.resolve("{{env.OPENAI_KEY}} {{env.ANTHROPIC_KEY}}", RUNTIME));

    assertThat(e.reason()).isEqualTo(ResolutionException.Reason.MISSING);
    assertThat(e.getMessage()).isEqualTo("Variable env.ANTHROPIC_KEY is not set");
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("CANARY");
  }

  @Test
  void everyMissingVariableIsNamedInOneError() {
    assertThatThrownBy(() -> resolver.resolve("{{env.A}}{{content.b}}{{env.A}}", RUNTIME))
        .isInstanceOf(ResolutionException.class)
        .hasMessage("Variables env.A, content.b are not set");
  }

  @Test
  void sampleValuesOverrideStoredOnes() {
    VariableResolver withSamples =
        resolver.withSamples(
            Map.of(
                VariableReference.parse("env.OPENAI_KEY"), "sample-key",
                VariableReference.parse("context.tenant"), "acme"));

    assertThat(
            withSamples.resolve(
                "{{env.OPENAI_KEY}}|{{env.REGION}}|{{context.tenant}}", DESIGN_TIME))
        .isEqualTo("sample-key|eu-west-1|acme");
    assertThat(resolver.resolve("{{env.OPENAI_KEY}}", RUNTIME)).isEqualTo(KEY);
  }

  @Test
  void layeredLookupAsksLayersInOrder() {
    VariableLookup first = VariableLookup.of(Map.of(VariableReference.parse("env.A"), "1"));
    VariableLookup second =
        VariableLookup.of(
            Map.of(VariableReference.parse("env.A"), "2", VariableReference.parse("env.B"), "3"));

    VariableResolver layered = new VariableResolver(VariableLookup.layered(first, second));

    assertThat(layered.resolve("{{env.A}}{{env.B}}", RUNTIME)).isEqualTo("13");
    assertThatThrownBy(
            () -> new VariableResolver(VariableLookup.none()).resolve("{{env.A}}", RUNTIME))
        .hasMessageContaining("env.A");
  }

  @Test
  void valuesThatLookLikeReferencesAreNotResolvedAgain() {
    stored.put(VariableReference.parse("content.note"), "{{env.OPENAI_KEY}}");

    assertThat(resolver.resolve("note: {{content.note}}", RUNTIME))
        .isEqualTo("note: {{env.OPENAI_KEY}}")
        .doesNotContain(KEY);
  }

  @Test
  void valuesAreLookedUpAgainOnEveryResolution() {
    assertThat(resolver.resolve("{{env.REGION}}", RUNTIME)).isEqualTo("eu-west-1");
    stored.put(VariableReference.parse("env.REGION"), "us-east-1");

    assertThat(resolver.resolve("{{env.REGION}}", RUNTIME)).isEqualTo("us-east-1");
  }

  @Test
  void savedValuesCanBeCheckedForThePhaseWithoutLookingUp() {
    VariableResolver.checkPhase(Template.parse("{{context.x}}"), DESIGN_TIME);

    assertThatThrownBy(() -> VariableResolver.checkPhase(Template.parse("{{context.x}}"), RUNTIME))
        .isInstanceOf(ResolutionException.class)
        .hasMessageContaining("context.x");
  }
}
