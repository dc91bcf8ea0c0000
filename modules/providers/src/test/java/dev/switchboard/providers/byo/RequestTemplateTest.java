package dev.switchboard.providers.byo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.chat.ChatRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

  private static final String TRICKY = "say \"hi\",\n} {{prompt}} \\ \u00e9\uD83C\uDF0D";

  private final ChatRequest request =
      ChatRequest.builder("my-model")
          .system("be brief")
          .user("first")
          .user(TRICKY)
          .maxOutputTokens(64)
          .temperature(0.25)
          .build();

  @Test
  void wholePlaceholdersBecomeTypedJsonValues() throws Exception {
    RequestTemplate t =
        RequestTemplate.parse(
            """
            {"input":"{{prompt}}","messages":"{{ messages }}","model":"{{model}}",
             "params":{"max_tokens":"{{max_tokens}}","temperature":"{{temperature}}","stream":"{{stream}}"},
             "fixed":[1,true,null,"text"]}
            """);
    JsonNode body = roundTrip(t.render(request, true, Map.of()));

    assertThat(body.path("input").asText()).isEqualTo(TRICKY);
    assertThat(body.path("messages")).hasSize(3);
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(2).path("content").asText()).isEqualTo(TRICKY);
    assertThat(body.path("model").asText()).isEqualTo("my-model");
    assertThat(body.path("params").path("max_tokens").isInt()).isTrue();
    assertThat(body.path("params").path("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.path("params").path("temperature").asDouble()).isEqualTo(0.25);
    assertThat(body.path("params").path("stream").isBoolean()).isTrue();
    assertThat(body.path("fixed").toString()).isEqualTo("[1,true,null,\"text\"]");
  }

  @Test
  void placeholdersInsideTextAreReplacedAsTextAndNotExpandedAgain() throws Exception {
    RequestTemplate t =
        RequestTemplate.parse(
            "{\"text\":\"System: {{system}}\\n{{conversation}}\",\"tenant\":\"t-{{env.TENANT}}\"}");
    JsonNode body = roundTrip(t.render(request, false, Map.of("env.TENANT", "acme\"x")));

    assertThat(body.path("text").asText())
        .isEqualTo("System: be brief\nsystem: be brief\nuser: first\nuser: " + TRICKY);
    assertThat(body.path("tenant").asText()).isEqualTo("t-acme\"x");
    assertThat(t.variables()).containsExactly("env.TENANT");
  }

  @Test
  void unsetOptionsRenderAsNull() {
    RequestTemplate t =
        RequestTemplate.parse("{\"m\":\"{{max_tokens}}\",\"t\":\"{{temperature}}\"}");
    JsonNode body = t.render(ChatRequest.builder("m").user("x").build(), false, Map.of());
    assertThat(body.path("m").isNull()).isTrue();
    assertThat(body.path("t").isNull()).isTrue();
  }

  @Test
  void badTemplatesAreRefusedWhenParsed() {
    assertThatThrownBy(() -> RequestTemplate.parse("{\"input\": {{prompt}} }"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> RequestTemplate.parse("[\"{{prompt}}\"]"))
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> RequestTemplate.parse("{\"a\":\"{{promt}}\"}"))
        .hasMessageContaining("unknown placeholder {{promt}}");
    assertThatThrownBy(() -> RequestTemplate.parse("{\"a\":\"x {{env.bad name}}\"}"))
        .hasMessageContaining("malformed placeholder");
  }

  @Test
  void aVariableWithoutAValueFailsTheCall() {
    RequestTemplate t = RequestTemplate.parse("{\"k\":\"{{env.KEY}}\"}");
    assertThatThrownBy(() -> t.render(request, false, Map.of()))
        .hasMessageContaining("env.KEY has no value");
  }

  private static JsonNode roundTrip(JsonNode node) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    return mapper.readTree(mapper.writeValueAsString(node));
  }
}
