package dev.switchboard.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatCompletionParserTest {

  private static ChatCompletionRequest parse(String json) {
    return ChatCompletionParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String json, String param, String messagePart) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            OpenAiApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.type()).isEqualTo("invalid_request_error");
              assertThat(e.param()).isEqualTo(param);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void aFullRequestIsReadIntoTheNeutralModel() {
    ChatCompletionRequest r =
        parse(
            """
            {"model":"openai/gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"developer","content":"be brief"},
                         {"role":"user","content":[{"type":"text","text":"what is this"},
                                                   {"type":"image_url","image_url":{"url":"https://x/y.png"}}]},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                         {"role":"tool","tool_call_id":"call_1","content":"12C"}],
             "temperature":0.2,"top_p":0.9,"max_completion_tokens":64,"stop":["END"],"seed":7,"user":"u-1",
             "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],
             "tool_choice":{"type":"function","function":{"name":"weather"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}}}
            """);

    ChatRequest c = r.request();
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(c.model()).isEqualTo("openai/gpt-4o-mini");
    assertThat(c.messages())
        .extracting(m -> m.role())
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
    assertThat(c.messages().get(1).content())
        .hasSize(2)
        .element(1)
        .isInstanceOf(ContentPart.Image.class);
    assertThat(c.messages().get(2).toolCalls().get(0).argumentsJson())
        .isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(c.messages().get(3).toolCallId()).isEqualTo("call_1");
    assertThat(c.temperature()).isEqualTo(0.2);
    assertThat(c.maxOutputTokens()).isEqualTo(64);
    assertThat(c.stop()).containsExactly("END");
    assertThat(c.seed()).isEqualTo(7L);
    assertThat(c.tools()).extracting(t -> t.name()).containsExactly("weather");
    assertThat(c.toolChoice()).isEqualTo(ToolChoice.function("weather"));
    assertThat(c.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
  }

  @Test
  void badInputIsA400NamingTheField() {
    refused("{\"model\": ", null, "could not parse the JSON body");
    refused("[1,2]", null, "must be a JSON object");
    refused(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "model",
        "Missing required parameter: 'model'");
    refused("{\"model\":\"m\"}", "messages", "Missing required parameter: 'messages'");
    refused("{\"model\":\"m\",\"messages\":[]}", "messages", "at least one");
    refused(
        "{\"model\":\"m\",\"messages\":\"hi\"}", "messages", "expected an array, but got a string");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
        "messages[0].role",
        "'robot'");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}",
        "temperature",
        "expected a number, but got a string");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":7}",
        "temperature",
        "outside 0 to 2");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}",
        "max_tokens",
        "expected an integer");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":999999999999}",
        "max_tokens",
        "outside 1 to 1000000");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}",
        "max_tokens",
        "outside");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}",
        "stream",
        "expected a boolean");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
        "messages[0].tool_call_id",
        "Missing required parameter");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":3}",
        "n",
        "Only n=1");
    refused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":\"sometimes\"}",
        "tool_choice",
        "'sometimes'");
  }

  @Test
  void tooManyMessagesAreRefused() {
    StringBuilder json = new StringBuilder("{\"model\":\"m\",\"messages\":[");
    for (int i = 0; i <= ChatCompletionParser.MAX_MESSAGES; i++) {
      json.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"x\"}");
    }
    refused(json.append("]}").toString(), "messages", "at most 2048");
  }
}
