package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in sandbox: on the embedded default, the sandbox key (here from the test server's
 * {@code switchboard.sandbox.key}) answers chats and streams from the simulator inside the server,
 * labelled as simulated; on PostgreSQL the sandbox is off and the key does not exist.
 */
class SandboxIT {

  private static final String SANDBOX_KEY = "sb-it-sandbox-0123456789abcdef";

  private final OpenAIClient client =
      OpenAIOkHttpClient.builder()
          .baseUrl(SwitchboardServer.BASE_URL + "/v1")
          .apiKey(SANDBOX_KEY)
          .maxRetries(0)
          .build();

  private static boolean embedded() {
    return SwitchboardServer.EXPECTED_DATABASE.contains("Derby");
  }

  @Test
  void theSandboxKeyChatsAndStreamsOnTheEmbeddedDefaultOnly() {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("sandbox/gpt-4o-mini")
            .addUserMessage("Hello?")
            .build();
    if (!embedded()) {
      assertThatThrownBy(() -> client.chat().completions().create(params))
          .isInstanceOf(UnauthorizedException.class);
      return;
    }
    ChatCompletion c = client.chat().completions().create(params);
    assertThat(c.choices().get(0).message().content().orElseThrow()).contains("simulator");

    List<String> pieces = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s =
        client.chat().completions().createStreaming(params)) {
      s.stream()
          .forEach(
              chunk ->
                  chunk
                      .choices()
                      .forEach(
                          ch ->
                              ch.delta()
                                  .content()
                                  .filter(t -> !t.isEmpty())
                                  .ifPresent(pieces::add)));
    }
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(String.join("", pieces)).contains("simulator");

    // the organization's default is the sandbox, so the built-in features answer at once
    ChatCompletion summary =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("conversation-summary")
                    .addUserMessage("We agreed to ship on Friday.")
                    .build());
    assertThat(summary.choices()).hasSize(1);
    assertThat(client.models().list().data()).extracting(Model::id).contains("sandbox/gpt-4o-mini");
  }

  @Test
  void theSandboxIsLabelledSimulatedAndAdminsCannotAimItElsewhere() {
    AdminApi admin = AdminApi.admin();
    String integrations = admin.get("/api/v1/integrations").body();
    if (embedded()) {
      assertThat(integrations).contains("Sandbox (simulated)");
    } else {
      assertThat(integrations).doesNotContain("Sandbox (simulated)");
    }
    AdminApi.Reply refused =
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"my-sandbox\",\"providerId\":\"sandbox\",\"apiKey\":\"x\","
                + "\"baseUrl\":\"http://127.0.0.1:5432/\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("field").asText()).isEqualTo("providerId");
  }
}
