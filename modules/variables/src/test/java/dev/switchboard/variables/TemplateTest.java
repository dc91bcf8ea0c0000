package dev.switchboard.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static VariableReference env(String name) {
    return new VariableReference(VariableScope.ENVIRONMENT, name);
  }

  @Test
  void listsEveryReferenceOnceInOrderOfFirstUse() {
    Template template =
        Template.parse(
            "{{content.customer_name}} in {{context.region}} via {{env.OPENAI_KEY}}"
                + " and {{content.customer_name}} again");

    assertThat(template.references())
        .extracting(VariableReference::toString)
        .containsExactly("content.customer_name", "context.region", "env.OPENAI_KEY");
    assertThat(template.hasReferences()).isTrue();
  }

  @Test
  void plainTextHasNoReferences() {
    assertThat(Template.parse("just text { } }} {").references()).isEmpty();
    assertThat(Template.parse(null).references()).isEmpty();
    assertThat(Template.parse("").hasReferences()).isFalse();
  }

  @Test
  void textAndReferencesMix() {
    Template template = Template.parse("Bearer {{env.TOKEN}}");

    assertThat(template.references()).containsExactly(env("TOKEN"));
    assertThat(template.render(Map.of(env("TOKEN"), "abc"))).isEqualTo("Bearer abc");
  }

  @Test
  void spacesInsideTheBracesAreAllowed() {
    assertThat(Template.parse("{{ env.TOKEN }}").references()).containsExactly(env("TOKEN"));
  }

  @Test
  void namesMayContainDotsDashesAndDigitsAfterTheFirstCharacter() {
    Template template = Template.parse("{{content.customer.first-name_2}}");

    assertThat(template.references())
        .containsExactly(new VariableReference(VariableScope.CONTENT, "customer.first-name_2"));
  }

  @Test
  void backslashEscapesAnOpeningBrace() {
    Template template = Template.parse("literal \\{{env.TOKEN}} and {{env.TOKEN}}");

    assertThat(template.references()).containsExactly(env("TOKEN"));
    assertThat(template.render(Map.of(env("TOKEN"), "t"))).isEqualTo("literal {{env.TOKEN}} and t");
  }

  @Test
  void aBackslashElsewhereIsLiteral() {
    assertThat(Template.parse("C:\\path\\{x}").render(Map.of())).isEqualTo("C:\\path\\{x}");
  }

  @Test
  void unknownScopeIsASyntaxErrorWithPosition() {
    assertThatThrownBy(() -> Template.parse("abc {{secret.X}}"))
        .isInstanceOf(TemplateSyntaxException.class)
        .hasMessageContaining("position 4")
        .hasMessageContaining("env., content. or context.");
  }

  @Test
  void referenceWithoutScopeIsASyntaxError() {
    assertThatThrownBy(() -> Template.parse("{{OPENAI_KEY}}"))
        .isInstanceOf(TemplateSyntaxException.class);
  }

  @Test
  void scopePrefixIsCaseSensitive() {
    assertThatThrownBy(() -> Template.parse("{{ENV.X}}"))
        .isInstanceOf(TemplateSyntaxException.class);
  }

  @Test
  void malformedNamesAreSyntaxErrors() {
    for (String bad :
        new String[] {"{{env.}}", "{{env.1ABC}}", "{{env.A B}}", "{{env.A$}}", "{{env.-x}}"}) {
      assertThatThrownBy(() -> Template.parse(bad))
          .as(bad)
          .isInstanceOf(TemplateSyntaxException.class)
          .hasMessageContaining("[A-Za-z_][A-Za-z0-9_.-]{0,99}");
    }
  }

  @Test
  void namesUpToOneHundredCharactersAreAccepted() {
    String longest = "A" + "b".repeat(99);

    assertThat(Template.parse("{{env." + longest + "}}").references())
        .containsExactly(env(longest));
    assertThatThrownBy(() -> Template.parse("{{env." + longest + "c}}"))
        .isInstanceOf(TemplateSyntaxException.class);
  }

  @Test
  void unclosedReferenceIsASyntaxErrorThatDoesNotEchoTheText() {
    String value = "sk-live-SECRET {{env.TOKEN";

    assertThatThrownBy(() -> Template.parse(value))
        .isInstanceOf(TemplateSyntaxException.class)
        .hasMessageContaining("position 15")
        .hasMessageContaining("not closed")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void toStringShowsReferencesButNotTheLiteralText() {
    assertThat(Template.parse("sk-live-SECRET {{env.TOKEN}}").toString())
        .contains("env.TOKEN")
        .doesNotContain("SECRET");
  }

  @Test
  void referencesParseFromQualifiedNames() {
    assertThat(VariableReference.parse("context.region"))
        .isEqualTo(new VariableReference(VariableScope.CONTEXT, "region"));
    assertThat(VariableReference.parse("env.OPENAI_KEY").placeholder())
        .isEqualTo("{{env.OPENAI_KEY}}");
  }
}
