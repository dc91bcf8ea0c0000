package dev.switchboard.providers.bedrock;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The byte cap on a whole Bedrock reply (Converse, STS), as the shared transport caps every other
 * provider's (RELIABILITY.md case 19): the SDK would otherwise read any body to its end before
 * unmarshalling it. The cap of each call travels with its request ({@link #MAX_BYTES}, the
 * endpoint's {@code maxResponseBytes}); a body announced or found larger fails the call with {@code
 * UPSTREAM_PROTOCOL} / {@code response_too_large} as soon as the cap is passed, never after reading
 * the rest. Streams count their text in {@link BedrockStream}.
 */
final class ResponseCap implements ExecutionInterceptor {

  static final ExecutionAttribute<Long> MAX_BYTES =
      new ExecutionAttribute<>("switchboard.maxResponseBytes");

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    Long cap = attributes.getAttribute(MAX_BYTES);
    if (cap == null || body.isEmpty()) {
      return body;
    }
    Optional<String> announced = context.httpResponse().firstMatchingHeader("Content-Length");
    if (announced.isPresent() && announced.get().chars().allMatch(Character::isDigit)) {
      if (announced.get().length() > 18 || Long.parseLong(announced.get()) > cap) {
        throw tooLarge(cap);
      }
    }
    return Optional.of(new Capped(body.get(), cap));
  }

  static ProviderException tooLarge(long cap) {
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL, "response exceeded the cap of " + cap + " bytes")
        .provider(BedrockErrors.PROVIDER)
        .providerCode("response_too_large")
        .build();
  }

  /** Counts what is read and fails once more than the cap has come. */
  private static final class Capped extends FilterInputStream {

    private final long cap;
    private long read;

    Capped(InputStream in, long cap) {
      super(in);
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) {
      read += n;
      if (read > cap) {
        throw tooLarge(cap);
      }
    }
  }
}
