package dev.switchboard.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromptEchoTest {

  private final ChatRequest request =
      ChatRequest.builder("gpt-x")
          .system("Answer as the assistant of Contoso")
          .user("Please summarise quarterly-figures-4711 for me")
          .build();

  @Test
  void anUpstreamMessageQuotingThePromptHasItsLongerWordsMasked() {
    ProviderException upstream =
        ProviderException.builder(
                ErrorCategory.BAD_REQUEST, "Invalid content 'quarterly-figures-4711' in message 2")
            .provider("openai")
            .httpStatus(400)
            .providerCode("invalid_value")
            .retryAfter(Duration.ofSeconds(3))
            .build();

    ProviderException safe = PromptEcho.redacted(upstream, request);

    assertThat(safe.getMessage())
        .doesNotContain("quarterly-figures-4711")
        .contains("Invalid content", "[redacted]", "message 2");
    assertThat(safe.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(safe.httpStatus()).isEqualTo(400);
    assertThat(safe.providerId()).isEqualTo("openai");
    assertThat(safe.providerCode()).contains("invalid_value");
    assertThat(safe.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void aMessageWithoutThePromptIsPassedOnAsItIs() {
    ProviderException upstream =
        ProviderException.builder(ErrorCategory.RATE_LIMITED, "Too many requests, slow down")
            .build();

    assertThat(PromptEcho.redacted(upstream, request)).isSameAs(upstream);
  }

  @Test
  void shortWordsAreNotPromptWords() {
    assertThat(PromptEcho.words(request))
        .contains("assistant", "summarise", "quarterly-figures-4711")
        .doesNotContain("Answer", "Please", "for", "me");
  }
}
