package dev.switchboard.routing.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  private static final List<Message> CONVERSATION =
      List.of(
          Message.system("caller's own system prompt"),
          Message.user("Which plans do you have?"),
          Message.assistant("Basic and Pro."),
          Message.user("How much is it?"));

  @Test
  void aUserTemplateReplacesTheMessagesWithTheSystemPromptAndOneRenderedUserMessage() {
    PromptTemplate t =
        PromptTemplate.of(
            "Rewrite questions.", "History:\n{{content.history}}\nQuestion: {{ content.query }}");

    List<Message> out = t.apply(CONVERSATION, Map.of());

    assertThat(out).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(out.get(0).text()).isEqualTo("Rewrite questions.");
    assertThat(out.get(1).text())
        .isEqualTo(
            "History:\nuser: Which plans do you have?\nassistant: Basic and Pro.\n"
                + "Question: How much is it?");
  }

  @Test
  void theConversationVariableHoldsEveryNonSystemMessage() {
    List<Message> out =
        PromptTemplate.of(null, "{{content.conversation}}").apply(CONVERSATION, Map.of());

    assertThat(out).hasSize(1);
    assertThat(out.get(0).text())
        .isEqualTo(
            "user: Which plans do you have?\nassistant: Basic and Pro.\nuser: How much is it?");
  }

  @Test
  void aSystemPromptAloneGoesBeforeTheCallersMessages() {
    List<Message> out = PromptTemplate.of("Be brief.", null).apply(CONVERSATION, Map.of());

    assertThat(out).hasSize(5);
    assertThat(out.get(0).text()).isEqualTo("Be brief.");
    assertThat(out.subList(1, 5)).isEqualTo(CONVERSATION);
  }

  @Test
  void suppliedVariablesAreInsertedLiterallyAndMayOverrideDerivedOnes() {
    PromptTemplate t = PromptTemplate.of(null, "{{content.passages}} | {{content.query}}");

    List<Message> out =
        t.apply(CONVERSATION, Map.of("passages", "[1] {{content.query}}", "query", "mine"));

    assertThat(out.get(0).text()).isEqualTo("[1] {{content.query}} | mine");
    assertThat(t.contentVariables()).containsExactly("passages", "query");
  }

  @Test
  void aMissingVariableIsTheCallersErrorNamingIt() {
    PromptTemplate t = PromptTemplate.of(null, "{{content.passages}}");

    assertThatThrownBy(() -> t.apply(CONVERSATION, Map.of()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST))
        .hasMessageContaining("'passages'");
  }

  @Test
  void templatesTakeContentVariablesOnlyAndMustParse() {
    assertThatThrownBy(() -> PromptTemplate.of("{{env.API_KEY}}", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("systemPrompt:")
        .hasMessageContaining("content variables only");
    assertThatThrownBy(() -> PromptTemplate.of(null, "{{content.open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("userTemplate:");
  }

  @Test
  void noTemplateLeavesTheMessagesAlone() {
    assertThat(PromptTemplate.of(" ", null).isEmpty()).isTrue();
    assertThat(PromptTemplate.none().apply(CONVERSATION, Map.of())).isSameAs(CONVERSATION);
  }
}
