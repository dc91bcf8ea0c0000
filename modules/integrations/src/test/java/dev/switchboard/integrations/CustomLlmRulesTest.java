package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomLlmRulesTest {

  private static final CustomLlmDraft.Mapping MAPPING =
      new CustomLlmDraft.Mapping("$.output.text", null, "meta.tokens_in", null);

  @Test
  void aTemplateMayBeAJsonObjectOrAStringHoldingOne() {
    CustomLlmRules.Checked fromObject =
        CustomLlmRules.check(
            new CustomLlmDraft(Map.of("input", "{{prompt}}"), MAPPING, null, null));
    CustomLlmRules.Checked fromString =
        CustomLlmRules.check(new CustomLlmDraft("{\"input\":\"{{prompt}}\"}", MAPPING, null, null));
    assertThat(fromObject.template()).isEqualTo(fromString.template());
    assertThat(fromObject.response().inputTokensPath()).isEqualTo("meta.tokens_in");
  }

  @Test
  void eachBadPartIsRefusedNamingItsField() {
    assertField(new CustomLlmDraft(null, MAPPING, null, null), "requestTemplate");
    assertField(new CustomLlmDraft("{\"a\":\"{{nope}}\"}", MAPPING, null, null), "requestTemplate");
    assertField(
        new CustomLlmDraft("{\"a\":\"{{env.bad name}}\"}", MAPPING, null, null), "requestTemplate");
    assertField(new CustomLlmDraft("{}", null, null, null), "response.textPath");
    assertField(
        new CustomLlmDraft("{}", new CustomLlmDraft.Mapping("$.a[", null, null, null), null, null),
        "response.textPath");
    assertField(
        new CustomLlmDraft(
            "{}",
            MAPPING,
            new CustomLlmDraft.Streaming("websocket", "$.d", null, null, null),
            null),
        "stream.format");
    assertField(
        new CustomLlmDraft(
            "{}", MAPPING, new CustomLlmDraft.Streaming("sse", null, null, null, null), null),
        "stream.deltaPath");
    assertField(new CustomLlmDraft("{}", MAPPING, null, Map.of("prompt", "x")), "testPayload");
  }

  @Test
  void theTestPayloadBecomesTheConnectionTestsRequest() {
    String payload =
        "{\"messages\":[{\"role\":\"system\",\"content\":\"terse\"},"
            + "{\"role\":\"user\",\"content\":\"ping?\"}],\"max_tokens\":3,\"temperature\":0}";
    ChatRequest r = CustomLlmRules.testRequest(payload, "m1");
    assertThat(r.model()).isEqualTo("m1");
    assertThat(r.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(r.maxOutputTokens()).isEqualTo(3);
    assertThatThrownBy(() -> CustomLlmRules.testRequest("{\"messages\":[{\"role\":\"x\"}]}", "m"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () ->
                CustomLlmRules.testRequest(
                    "{\"messages\":[{\"role\":\"user\"}],\"max_tokens\":0}", "m"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void streamFormatIsNormalized() {
    CustomLlmRules.Checked c =
        CustomLlmRules.check(
            new CustomLlmDraft(
                "{}",
                MAPPING,
                new CustomLlmDraft.Streaming(" NDJSON ", "$.d", null, null, null),
                null));
    assertThat(c.stream().format()).isEqualTo("ndjson");
    assertThat(c.testPayload()).isNull();
  }

  private static void assertField(CustomLlmDraft d, String field) {
    assertThatThrownBy(() -> CustomLlmRules.check(d))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
