package dev.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestsTest {

  @Test
  void theResultsOfParallelCallsGoBackInOneTurnAPartPerCall() {
    ChatRequest request =
        ChatRequest.builder("gemini-2.5-flash")
            .user("What is the weather in Paris and in Rome?")
            .message(
                Message.assistant(
                    null,
                    List.of(
                        new ToolCall("c1", "get_weather", "{\"location\":\"Paris\"}"),
                        new ToolCall("c2", "get_time", "{\"location\":\"Rome\"}"))))
            .message(Message.toolResult("c1", "{\"temperature_c\":18}"))
            .message(Message.toolResult("c2", "noon"))
            .message(Message.user("Thanks. And tomorrow?"))
            .build();

    JsonNode contents = GeminiRequests.generate(request).path("contents");

    assertThat(contents).hasSize(4);
    assertThat(contents.get(1).path("parts")).hasSize(2);
    JsonNode results = contents.get(2);
    assertThat(results.path("role").asText()).isEqualTo("user");
    assertThat(results.path("parts")).hasSize(2);
    assertThat(results.path("parts").get(0).path("functionResponse").path("name").asText())
        .isEqualTo("get_weather");
    assertThat(results.path("parts").get(1).path("functionResponse").path("name").asText())
        .isEqualTo("get_time");
    assertThat(contents.get(3).path("parts").get(0).path("text").asText())
        .isEqualTo("Thanks. And tomorrow?");
  }
}
