package dev.switchboard.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagesParserTest {

  private static MessagesRequest parse(String json) {
    return MessagesParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String json, String messagePart) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            AnthropicApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.type()).isEqualTo("invalid_request_error");
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void aPlainRequestBecomesANeutralChatWithItsSettings() {
    MessagesRequest r =
        parse(
            "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":100,\"system\":\"Be terse.\","
                + "\"temperature\":0.5,\"top_p\":0.9,\"stop_sequences\":[\"END\"],"
                + "\"metadata\":{\"user_id\":\"u-1\"},\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

    ChatRequest c = r.request();
    assertThat(c.model()).isEqualTo("openai/gpt-4o-mini");
    assertThat(c.maxOutputTokens()).isEqualTo(100);
    assertThat(c.temperature()).isEqualTo(0.5);
    assertThat(c.topP()).isEqualTo(0.9);
    assertThat(c.stop()).containsExactly("END");
    assertThat(c.user()).isEqualTo("u-1");
    assertThat(c.messages()).containsExactly(Message.system("Be terse."), Message.user("Hello"));
    assertThat(r.stream()).isTrue();
    assertThat(r.dropped()).isEmpty();
  }

  @Test
  void systemBlocksAreJoinedAndTheirCacheMarkersDroppedAndNamed() {
    MessagesRequest r =
        parse(
            "{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"text\",\"text\":\"One.\"},"
                + "{\"type\":\"text\",\"text\":\"Two.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(r.request().messages().get(0)).isEqualTo(Message.system("One.\n\nTwo."));
    assertThat(r.dropped()).containsExactly("cache_control");
  }

  @Test
  void aToolRoundTripBecomesAnAssistantCallAndAToolResultInOrder() {
    MessagesRequest r =
        parse(
            "{\"model\":\"m\",\"max_tokens\":50,"
                + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\","
                + "\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Checking.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                + "\"input\":{\"city\":\"Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"18 C\"}]},{\"type\":\"text\",\"text\":\"And?\"}]}]}");

    var messages = r.request().messages();
    assertThat(messages).hasSize(4);
    Message call = messages.get(1);
    assertThat(call.role()).isEqualTo(Role.ASSISTANT);
    assertThat(call.text()).isEqualTo("Checking.");
    assertThat(call.toolCalls()).hasSize(1);
    assertThat(call.toolCalls().get(0).id()).isEqualTo("toolu_1");
    assertThat(call.toolCalls().get(0).argumentsJson()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(messages.get(2)).isEqualTo(Message.toolResult("toolu_1", "18 C"));
    assertThat(messages.get(3)).isEqualTo(Message.user("And?"));
    assertThat(r.request().tools().get(0).parametersSchema()).contains("\"city\"");
    assertThat(r.request().toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
    assertThat(r.dropped()).containsExactly("thinking");
  }

  @Test
  void toolChoicesMapToTheNeutralPolicies() {
    String head =
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
            + "\"tool_choice\":";
    assertThat(parse(head + "{\"type\":\"auto\"}}").request().toolChoice())
        .isEqualTo(ToolChoice.AUTO);
    assertThat(parse(head + "{\"type\":\"any\"}}").request().toolChoice())
        .isEqualTo(ToolChoice.REQUIRED);
    assertThat(parse(head + "{\"type\":\"none\"}}").request().toolChoice())
        .isEqualTo(ToolChoice.NONE);
    MessagesRequest noParallel =
        parse(head + "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}}");
    assertThat(noParallel.dropped()).containsExactly("disable_parallel_tool_use");
    refused(head + "{\"type\":\"sometimes\"}}", "tool_choice.type");
  }

  @Test
  void imagesByDataAndByUrlAreCarried() {
    MessagesRequest r =
        parse(
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"image\",\"source\":{\"type\":\"url\","
                + "\"url\":\"https://example.com/a.jpg\"}},{\"type\":\"text\",\"text\":\"What?\"}]}]}");

    var parts = r.request().messages().get(0).content();
    assertThat(parts)
        .containsExactly(
            ContentPart.Image.ofBase64("iVBORw0KGgo=", "image/png"),
            ContentPart.Image.ofUrl("https://example.com/a.jpg"),
            new ContentPart.Text("What?"));
  }

  @Test
  void thinkingTopKAndIsErrorAreDroppedAndNamed() {
    MessagesRequest r =
        parse(
            "{\"model\":\"m\",\"max_tokens\":2000,\"top_k\":5,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"t1\",\"is_error\":true,\"content\":\"boom\"}]}]}");

    assertThat(r.dropped()).containsExactlyInAnyOrder("thinking", "top_k", "is_error");
    assertThat(r.request().messages()).containsExactly(Message.toolResult("t1", "boom"));
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    String user = "{\"role\":\"user\",\"content\":\"x\"}";
    refused("{\"max_tokens\":5,\"messages\":[" + user + "]}", "model: Field required");
    refused("{\"model\":\"m\",\"messages\":[" + user + "]}", "max_tokens: Field required");
    refused("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[" + user + "]}", "max_tokens");
    refused("{\"model\":\"m\",\"max_tokens\":\"5\",\"messages\":[" + user + "]}", "max_tokens");
    refused("{\"model\":\"m\",\"max_tokens\":5}", "messages: Field required");
    refused("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}", "messages");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":[" + user + "]}",
        "temperature");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}",
        "messages.0.role");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\"}]}",
        "messages.0.content: Field required");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"document\",\"source\":{}}]}]}",
        "messages.0.content.0.type");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/tiff\","
            + "\"data\":\"x\"}}]}]}",
        "media_type");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"type\":\"web_search_20250305\","
            + "\"name\":\"web_search\"}],\"messages\":["
            + user
            + "]}",
        "tools.0.type");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"name\":\"f\"}],\"messages\":["
            + user
            + "]}",
        "tools.0.input_schema");
    refused(
        "{\"model\":\"m\",\"max_tokens\":5,\"thinking\":{\"type\":\"enabled\"},\"messages\":["
            + user
            + "]}",
        "thinking.budget_tokens");
    refused("{\"model\":\"m\",", "not valid JSON");
    refused("[1]", "JSON object");
  }

  @Test
  void countTokensNeedsNoMaxTokens() {
    MessagesRequest r =
        MessagesParser.parseCount(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(r.request().maxOutputTokens()).isNull();
    assertThat(TokenEstimate.inputTokens(r.request()))
        .isEqualTo(TokenEstimate.PER_MESSAGE + 3); // 11 characters: 3 tokens
  }

  @Test
  void switchboardsVariablesAreReadAsOnTheChatDoorAndRefusedInAnthropicsShape() {
    String head =
        "{\"model\":\"f\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],";
    assertThat(parse(head + "\"variables\":{\"product\":\"Switchboard\"}}").variables())
        .containsExactly(java.util.Map.entry("product", "Switchboard"));
    refused(head + "\"variables\":{\"product\":42}}", "variables.product");
  }
}
