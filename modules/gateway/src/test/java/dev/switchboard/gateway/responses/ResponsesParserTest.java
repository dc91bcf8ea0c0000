package dev.switchboard.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.gateway.openai.OpenAiApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesParserTest {

  private static ResponsesRequest parse(String json) {
    return ResponsesParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String json, String param, String messagePart) {
    assertThatThrownBy(() -> parse(json).toChat(List.of()))
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
  void aStringInputIsOneUserMessageAfterTheInstructions() {
    ResponsesRequest r =
        parse(
            "{\"model\":\"openai/gpt-4o-mini\",\"instructions\":\"be brief\",\"input\":\"hi there\"}");

    ChatRequest chat = r.toChat(List.of());

    assertThat(chat.model()).isEqualTo("openai/gpt-4o-mini");
    assertThat(chat.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(chat.messages().get(0).text()).isEqualTo("be brief");
    assertThat(chat.messages().get(1).text()).isEqualTo("hi there");
    assertThat(r.store()).as("OpenAI's default").isTrue();
    assertThat(r.stream()).isFalse();
  }

  @Test
  void settingsToolsChoiceAndFormatReachTheNeutralRequest() {
    ResponsesRequest r =
        parse(
            """
            {"model":"m","input":[{"role":"user","content":"weather?"}],"store":false,"stream":true,
             "temperature":0.5,"top_p":0.9,"max_output_tokens":64,"user":"u-1",
             "tools":[{"type":"function","name":"get_weather","description":"d",
                       "parameters":{"type":"object","properties":{"location":{"type":"string"}}}}],
             "tool_choice":{"type":"function","name":"get_weather"},
             "text":{"format":{"type":"json_schema","name":"reply","schema":{"type":"object"}}},
             "metadata":{"k":"v"},"reasoning":{"effort":"low"}}
            """);

    ChatRequest chat = r.toChat(List.of());

    assertThat(r.store()).isFalse();
    assertThat(r.stream()).isTrue();
    assertThat(chat.temperature()).isEqualTo(0.5);
    assertThat(chat.topP()).isEqualTo(0.9);
    assertThat(chat.maxOutputTokens()).isEqualTo(64);
    assertThat(chat.user()).isEqualTo("u-1");
    assertThat(chat.tools())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.name()).isEqualTo("get_weather");
              assertThat(t.parametersSchema()).contains("location");
            });
    assertThat(chat.toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
    assertThat(chat.responseFormat())
        .isEqualTo(ResponseFormat.jsonSchema("reply", "{\"type\":\"object\"}"));
    assertThat(r.echoed("metadata").path("k").asText()).isEqualTo("v");
    assertThat(r.echoed("reasoning").path("effort").asText()).isEqualTo("low");
  }

  @Test
  void aFunctionCallRoundTripBecomesAnAssistantTurnAndAToolResult() {
    ResponsesRequest r =
        parse(
            """
            {"model":"m","input":[
              {"type":"message","role":"user","content":[{"type":"input_text","text":"weather in Paris?"}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
              {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"},
              {"type":"function_call","call_id":"call_2","name":"get_time","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"18 C"},
              {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"noon"}]}
            ]}
            """);

    List<Message> messages = r.toChat(List.of()).messages();

    assertThat(messages)
        .extracting(Message::role)
        .as("the reasoning item is dropped; both calls join the assistant's text")
        .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL);
    Message assistant = messages.get(1);
    assertThat(assistant.text()).isEqualTo("Checking.");
    assertThat(assistant.toolCalls())
        .extracting(c -> c.id() + ":" + c.name() + ":" + c.argumentsJson())
        .containsExactly("call_1:get_weather:{\"location\":\"Paris\"}", "call_2:get_time:{}");
    assertThat(messages.get(2).toolCallId()).isEqualTo("call_1");
    assertThat(messages.get(2).text()).isEqualTo("18 C");
    assertThat(messages.get(3).text()).isEqualTo("noon");
  }

  @Test
  void aPreviousConversationComesBeforeTheNewInputAndTheNewInstructionsFirst() {
    ResponsesRequest r =
        parse("{\"model\":\"m\",\"instructions\":\"now\",\"input\":\"and then?\"}");
    ObjectNode earlier = InputItems.userText("first");
    ObjectNode answer = ResponseObject.message("msg_1", "an answer", "completed");

    List<Message> messages = r.toChat(List.of(earlier, answer)).messages();

    assertThat(messages)
        .extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
    assertThat(messages)
        .extracting(Message::text)
        .containsExactly("now", "first", "an answer", "and then?");
  }

  @Test
  void imagesByUrlAreCarried() {
    ResponsesRequest r =
        parse(
            """
            {"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"what?"},
              {"type":"input_image","image_url":"https://x/y.png"}]}]}
            """);

    assertThat(r.toChat(List.of()).messages().get(0).content())
        .containsExactly(new ContentPart.Text("what?"), ContentPart.Image.ofUrl("https://x/y.png"));
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    refused("[1]", null, "JSON object");
    refused("{\"input\":\"hi\"}", "model", "Missing required parameter: 'model'");
    refused("{\"model\":\"m\"}", "input", "Missing required parameter: 'input'");
    refused("{\"model\":\"m\",\"input\":5}", "input", "expected a string or an array");
    refused(
        "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}",
        "input[0].type",
        "'item_reference' are not supported");
    refused(
        "{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
        "input[0].role",
        "'robot'");
    refused(
        "{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}",
        "input[0].call_id",
        "call_id");
    refused(
        "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}",
        "tools[0].type",
        "only 'function' tools");
    refused(
        "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"sometimes\"}",
        "tool_choice",
        "'sometimes'");
    refused(
        "{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":0}",
        "max_output_tokens",
        "outside");
    refused(
        "{\"model\":\"m\",\"input\":\"x\",\"temperature\":\"hot\"}",
        "temperature",
        "expected a number");
    refused("{\"model\":\"m\",\"input\":\"x\",\"store\":\"yes\"}", "store", "expected a boolean");
    refused(
        "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}",
        "text.format",
        "needs a name and a schema");
    refused("{\"model\":\"m\",\"input\":\"x\",\"background\":true}", "background", "not supported");
    refused(
        "{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\",\"summary\":[]}]}",
        "input",
        "no message");
  }
}
