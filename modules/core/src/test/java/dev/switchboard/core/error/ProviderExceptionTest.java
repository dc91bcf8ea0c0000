package dev.switchboard.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {

  @Test
  void retryableFollowsTheCategoryUnlessOverridden() {
    assertThat(
            ProviderException.builder(ErrorCategory.RATE_LIMITED, "slow down").build().retryable())
        .isTrue();
    assertThat(
            ProviderException.builder(ErrorCategory.QUOTA_EXHAUSTED, "no credit")
                .build()
                .retryable())
        .isFalse();
    assertThat(
            ProviderException.builder(ErrorCategory.RATE_LIMITED, "slow down")
                .retryable(false)
                .build()
                .retryable())
        .isFalse();
  }

  @Test
  void onlyTransientCategoriesAreRetryableByDefault() {
    assertThat(List.of(ErrorCategory.values()))
        .filteredOn(ErrorCategory::retryable)
        .containsExactlyInAnyOrder(
            ErrorCategory.RATE_LIMITED,
            ErrorCategory.TIMEOUT,
            ErrorCategory.UNAVAILABLE,
            ErrorCategory.UPSTREAM_PROTOCOL);
  }

  @Test
  void messageNeverContainsAKnownSecretEvenWhenTheProviderEchoedIt() {
    String secret = "my-very-secret-credential-42";
    ProviderException e =
        ProviderException.builder(
                ErrorCategory.AUTHENTICATION, "Incorrect API key provided: " + secret + ".")
            .redact(List.of(secret))
            .build();

    assertThat(e.getMessage()).doesNotContain(secret).contains("[redacted]");
    assertThat(e.toString()).doesNotContain(secret);
  }

  @Test
  void messageMasksCredentialShapedStringsItWasNotTold() {
    ProviderException e =
        ProviderException.builder(
                ErrorCategory.AUTHENTICATION,
                "bad key sk-proj-abcdef123456 and Bearer eyJhbGciOi and AIzaSyA1234567890abc")
            .build();

    assertThat(e.getMessage())
        .doesNotContain("sk-proj-abcdef123456")
        .doesNotContain("eyJhbGciOi")
        .doesNotContain("AIzaSyA1234567890abc");
  }

  @Test
  void messageIsBoundedAndFreeOfControlCharacters() {
    String flood = "x".repeat(10_000) + "\r\nInjected: header";
    ProviderException e = ProviderException.builder(ErrorCategory.BAD_REQUEST, flood).build();

    assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(SafeMessage.MAX_LENGTH + 3);
    assertThat(ProviderException.builder(ErrorCategory.BAD_REQUEST, "a\r\nb").build().getMessage())
        .isEqualTo("a b");
  }

  @Test
  void carriesProviderDetailsAndRetryAfter() {
    ProviderException e =
        ProviderException.builder(ErrorCategory.RATE_LIMITED, "rate limited")
            .provider("openai")
            .httpStatus(429)
            .providerCode("rate_limit_exceeded")
            .retryAfter(Duration.ofSeconds(2))
            .build();

    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.providerCode()).contains("rate_limit_exceeded");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void causeMessageIsNotCopiedIntoTheMessage() {
    ProviderException e =
        ProviderException.builder(ErrorCategory.TIMEOUT, "connect timed out")
            .cause(new RuntimeException("GET http://host/?key=abcdef"))
            .build();

    assertThat(e.getMessage()).isEqualTo("connect timed out");
  }
}
