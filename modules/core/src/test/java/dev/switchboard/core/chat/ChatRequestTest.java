package dev.switchboard.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

  @Test
  void builderCollectsEverySetting() {
    ChatRequest request =
        ChatRequest.builder("gpt-4o")
            .system("be brief")
            .user("hi")
            .tool(new ToolDefinition("lookup", "finds", "{\"type\":\"object\"}"))
            .toolChoice(ToolChoice.function("lookup"))
            .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}"))
            .temperature(0.2)
            .topP(0.9)
            .maxOutputTokens(100)
            .stop("END")
            .seed(7)
            .endUser("u-1")
            .build();

    assertThat(request.messages())
        .extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER);
    assertThat(request.tools()).extracting(ToolDefinition::name).containsExactly("lookup");
    assertThat(request.toolChoice().functionName()).isEqualTo("lookup");
    assertThat(request.stop()).containsExactly("END");
    assertThat(request.user()).isEqualTo("u-1");
    assertThat(request.withModel("other").model()).isEqualTo("other");
  }

  @Test
  void requestWithoutMessagesIsRejected() {
    assertThatThrownBy(() -> ChatRequest.builder("m").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonPositiveOutputCapIsRejected() {
    assertThatThrownBy(() -> ChatRequest.builder("m").user("x").maxOutputTokens(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toolMessageNeedsTheCallItAnswers() {
    assertThatThrownBy(() -> new Message(Role.TOOL, List.of(ContentPart.text("r")), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Message.toolResult("call_1", "42").toolCallId()).isEqualTo("call_1");
  }

  @Test
  void onlyAssistantMessagesCarryToolCalls() {
    List<ToolCall> calls = List.of(new ToolCall("c", "f", "{}"));
    assertThatThrownBy(() -> new Message(Role.USER, List.of(), calls, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Message.assistant(null, calls).toolCalls()).hasSize(1);
  }

  @Test
  void imageHasExactlyOneSourceAndInlineDataNeedsAMediaType() {
    assertThatThrownBy(() -> new ContentPart.Image("http://x", "AAAA", "image/png"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContentPart.Image(null, "AAAA", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ContentPart.Image.ofBase64("AAAA", "image/png").inline()).isTrue();
  }

  @Test
  void messageTextJoinsTextPartsAndSkipsImages() {
    Message m =
        Message.user(
            List.of(
                ContentPart.text("a"),
                ContentPart.Image.ofUrl("http://img"),
                ContentPart.text("b")));
    assertThat(m.text()).isEqualTo("ab");
    assertThat(m.hasImages()).isTrue();
  }

  @Test
  void functionToolChoiceNeedsAName() {
    assertThatThrownBy(() -> new ToolChoice(ToolChoice.Mode.FUNCTION, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ToolChoice(ToolChoice.Mode.AUTO, "f"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
