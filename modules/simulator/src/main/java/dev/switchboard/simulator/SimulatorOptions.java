package dev.switchboard.simulator;

import java.time.Duration;

/**
 * How a {@link Simulator} listens and answers. Start from {@link #defaults()} and change what you
 * need with the {@code with*} methods.
 *
 * @param port TCP port; 0 picks a free one
 * @param bindAddress address to listen on
 * @param streamTokens reply tokens when the request does not say ({@code X-Sim-Tokens})
 * @param tokenDelayMs delay between streamed tokens when the request does not say ({@code
 *     X-Sim-Delay-Ms})
 * @param apiKey the only credential accepted by the families that check one
 * @param threads connection threads kept ready (one serves one connection at a time); the pool
 *     grows up to {@link #MAX_THREADS} connections served at once
 * @param aws the AWS account the {@code bedrock} and {@code sts} families sign requests against
 */
public record SimulatorOptions(
    int port,
    String bindAddress,
    int streamTokens,
    long tokenDelayMs,
    String apiKey,
    int threads,
    Aws aws) {

  /** The default credential. */
  public static final String DEFAULT_API_KEY = "simulator-key";

  /** Upper bound of the connection pool: connections served at once. */
  public static final int MAX_THREADS = 512;

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress is required");
    }
    if (streamTokens < 0 || tokenDelayMs < 0) {
      throw new IllegalArgumentException("streamTokens and tokenDelayMs must not be negative");
    }
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey is required");
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be within 1.." + MAX_THREADS);
    }
    aws = aws == null ? Aws.DEFAULTS : aws;
  }

  /**
   * Random port on 127.0.0.1, 8 tokens, no delay, key {@value #DEFAULT_API_KEY}, 4 threads, the
   * default AWS test account ({@link Aws#DEFAULTS}).
   */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(0, "127.0.0.1", 8, 0, DEFAULT_API_KEY, 4, Aws.DEFAULTS);
  }

  public SimulatorOptions withPort(int port) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withBindAddress(String bindAddress) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withStreamTokens(int streamTokens) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withTokenDelayMs(long tokenDelayMs) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withApiKey(String apiKey) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withThreads(int threads) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  public SimulatorOptions withAws(Aws aws) {
    return new SimulatorOptions(
        port, bindAddress, streamTokens, tokenDelayMs, apiKey, threads, aws);
  }

  /**
   * The simulated AWS account: the long-term key pair every SigV4 request may be signed with, and
   * how long the temporary credentials STS {@code AssumeRole} hands out stay valid (the simulator's
   * lifetime wins over the request's {@code DurationSeconds}, so tests can use seconds).
   *
   * @param accessKeyId the long-term access key id
   * @param secretAccessKey its secret
   * @param sessionLifetime how long assumed-role credentials are accepted
   */
  public record Aws(String accessKeyId, String secretAccessKey, Duration sessionLifetime) {

    public static final Aws DEFAULTS =
        new Aws("AKIASIMULATOR0000001", "simulator/secret/access/key", Duration.ofHours(1));

    public Aws {
      if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null) {
        throw new IllegalArgumentException("an access key id and a secret are required");
      }
      if (sessionLifetime == null || sessionLifetime.isNegative() || sessionLifetime.isZero()) {
        throw new IllegalArgumentException("sessionLifetime must be positive");
      }
    }

    public Aws withSessionLifetime(Duration lifetime) {
      return new Aws(accessKeyId, secretAccessKey, lifetime);
    }
  }
}
