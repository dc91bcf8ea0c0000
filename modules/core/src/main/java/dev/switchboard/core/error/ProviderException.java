package dev.switchboard.core.error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider call failed. The category decides what routing does; the message is for people and is
 * always sanitized: control characters removed, length capped, credential-like strings and any
 * secret the thrower knows masked. Upstream bodies are never passed in whole: adapters extract the
 * provider's own error message field.
 */
public final class ProviderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;
  private final boolean retryable;
  private final String providerId;
  private final int httpStatus;
  private final String providerCode;
  private final transient Duration retryAfter;

  private ProviderException(Builder b) {
    super(SafeMessage.sanitize(b.message, b.secrets), b.cause, false, true);
    this.category = b.category;
    this.retryable = b.retryable == null ? b.category.retryable() : b.retryable;
    this.providerId = b.providerId;
    this.httpStatus = b.httpStatus;
    this.providerCode =
        b.providerCode == null ? null : SafeMessage.sanitize(b.providerCode, b.secrets);
    this.retryAfter = b.retryAfter;
  }

  public static Builder builder(ErrorCategory category, String message) {
    return new Builder(category, message);
  }

  public ErrorCategory category() {
    return category;
  }

  /** Whether the call may succeed if tried again: the category's rule unless overridden. */
  public boolean retryable() {
    return retryable;
  }

  /** The provider id (e.g. {@code openai}, {@code groq}); may be {@code null}. */
  public String providerId() {
    return providerId;
  }

  /** The HTTP status the provider answered, or 0 when the failure came before or after one. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The provider's error code or type (e.g. {@code insufficient_quota}, {@code overloaded_error}),
   * or for failures detected locally a Switchboard code such as {@code idle_timeout}.
   */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** How long the provider asked callers to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Builds a {@link ProviderException}; the message is sanitized on {@link #build()}. */
  public static final class Builder {
    private final ErrorCategory category;
    private final String message;
    private final List<String> secrets = new ArrayList<>();
    private Boolean retryable;
    private String providerId;
    private int httpStatus;
    private String providerCode;
    private Duration retryAfter;
    private Throwable cause;

    private Builder(ErrorCategory category, String message) {
      this.category = Objects.requireNonNull(category, "category");
      this.message = message;
    }

    public Builder provider(String id) {
      this.providerId = id;
      return this;
    }

    public Builder httpStatus(int status) {
      this.httpStatus = status;
      return this;
    }

    public Builder providerCode(String code) {
      this.providerCode = code;
      return this;
    }

    public Builder retryAfter(Duration wait) {
      this.retryAfter = wait == null || wait.isNegative() ? null : wait;
      return this;
    }

    /** Overrides the category's retry rule, e.g. for {@code x-should-retry: false}. */
    public Builder retryable(boolean value) {
      this.retryable = value;
      return this;
    }

    /**
     * The cause, kept for stack traces. Its message is not copied into this exception's, since
     * low-level messages may carry URLs or headers.
     */
    public Builder cause(Throwable throwable) {
      this.cause = throwable;
      return this;
    }

    /** Secrets that must not appear in the message even if the provider echoed them. */
    public Builder redact(Collection<String> values) {
      values.stream().filter(Objects::nonNull).forEach(secrets::add);
      return this;
    }

    public ProviderException build() {
      return new ProviderException(this);
    }
  }
}
