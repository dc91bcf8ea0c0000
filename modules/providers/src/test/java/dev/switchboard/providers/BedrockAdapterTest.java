package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.bedrock.BedrockAdapter;
import dev.switchboard.providers.bedrock.CredentialTiming;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bedrock adapter against the simulator's SigV4-checking Bedrock and STS: static keys and
 * AssumeRole (with an external id), whole replies and streams, a credential refresh while a stream
 * runs, errors mapped to categories, and the network guard on both endpoints.
 */
class BedrockAdapterTest {

  static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String ROLE = "arn:aws:iam::123456789012:role/switchboard-bedrock";
  static final SimulatorOptions.Aws AWS =
      SimulatorOptions.Aws.DEFAULTS.withSessionLifetime(Duration.ofSeconds(3));

  static Simulator sim;

  /** Refreshes assumed-role credentials 2 s before they expire: each 3 s session lives 1 s. */
  static BedrockAdapter adapter =
      new BedrockAdapter(new CredentialTiming(Duration.ofSeconds(2), Duration.ofMillis(500)));

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults().withAws(AWS));
  }

  @AfterAll
  static void stop() {
    adapter.close();
    sim.close();
  }

  static Endpoint.Builder keys(String secret, Map<String, String> headers) {
    return Endpoint.builder("bedrock")
        .baseUrl(sim.baseUrl() + "/bedrock")
        .apiKey(secret)
        .aws(Endpoint.Aws.keys("us-east-1", AWS.accessKeyId()))
        .extraHeaders(headers)
        .addressPolicy(SimulatedProviders.LOOPBACK);
  }

  static Endpoint.Builder role(String roleArn, String externalId, Map<String, String> headers) {
    return keys(AWS.secretAccessKey(), headers)
        .aws(
            Endpoint.Aws.keys("us-east-1", AWS.accessKeyId())
                .withRole(roleArn, URI.create(sim.baseUrl() + "/sts"), externalId));
  }

  static ChatRequest hello() {
    return ChatRequest.builder(MODEL)
        .message(Message.system("You are terse."))
        .message(Message.user("Say hello"))
        .build();
  }

  /** A role and no keys: the server's own identity would sign the AssumeRole. */
  static Endpoint.Builder roleWithoutKeys(boolean serverIdentity) {
    Endpoint.Aws aws =
        new Endpoint.Aws(
            "us-east-1", null, ROLE + "-server", URI.create(sim.baseUrl() + "/sts"), null, null);
    return Endpoint.builder("bedrock")
        .baseUrl(sim.baseUrl() + "/bedrock")
        .aws(serverIdentity ? aws.withServerIdentity() : aws)
        .addressPolicy(SimulatedProviders.LOOPBACK);
  }

  @Test
  void aRoleWithoutKeysIsRefusedUnlessTheServerIdentityWasAllowed() {
    int before = sim.awsSessions().size();

    assertThatThrownBy(() -> adapter.chat(roleWithoutKeys(false).build(), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
              assertThat(e.getMessage()).contains("server's own AWS identity is not allowed");
            });
    assertThat(sim.awsSessions()).hasSize(before);

    // allowed: the SDK's default chain signs (here its system-property step holds the keys)
    System.setProperty("aws.accessKeyId", AWS.accessKeyId());
    System.setProperty("aws.secretAccessKey", AWS.secretAccessKey());
    try {
      ChatResponse r = adapter.chat(roleWithoutKeys(true).build(), hello());
      assertThat(r.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
      assertThat(sim.awsSessions().subList(before, sim.awsSessions().size()))
          .anySatisfy(s -> assertThat(s.roleArn()).isEqualTo(ROLE + "-server"));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void chatsWithStaticKeys() {
    ChatResponse r = adapter.chat(keys(AWS.secretAccessKey(), Map.of()).build(), hello());

    assertThat(r.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.servedModel()).isEqualTo(MODEL);
    assertThat(r.providerRequestId()).isNotBlank();
    // "You are terse." 3 words + 3, "Say hello" 2 words + 3
    assertThat(r.usage()).isEqualTo(new Usage(11, 8, 0, 0, 19, UsageSource.REPORTED));
  }

  @Test
  void cacheReadsAndWritesCountAsInputAndExtraHeadersAreSentSigned() {
    ChatResponse r =
        adapter.chat(
            keys(
                    AWS.secretAccessKey(),
                    Map.of("X-Sim-Cached-Tokens", "4", "X-Sim-Cache-Write-Tokens", "2"))
                .build(),
            hello());

    assertThat(r.usage()).isEqualTo(new Usage(11, 8, 4, 0, 19, UsageSource.REPORTED));
  }

  @Test
  void aModelArnFromTheEndpointReplacesTheRequestsModel() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0";
    Endpoint e =
        keys(AWS.secretAccessKey(), Map.of())
            .aws(Endpoint.Aws.keys("us-east-1", AWS.accessKeyId()).withModelArn(arn))
            .build();

    assertThat(adapter.chat(e, hello()).servedModel()).isEqualTo(arn);
  }

  @Test
  void streamsWithStaticKeysUsageFromTheMetadataEvent() throws Exception {
    RecordingListener listener = new RecordingListener();
    StreamHandle handle =
        adapter.stream(
            keys(AWS.secretAccessKey(), Map.of("X-Sim-Delay-Ms", "5")).build(), hello(), listener);

    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(8);
    assertThat(listener.of(StreamEvent.Finish.class))
        .containsExactly(new StreamEvent.Finish(FinishReason.STOP));
    assertThat(listener.usage).isEqualTo(new Usage(11, 8, 0, 0, 19, UsageSource.REPORTED));
    assertThat(handle.completion().get()).isEqualTo(listener.usage);
    assertThat(listener.terminalCalls).isEqualTo(1);
  }

  @Test
  void chatsAndStreamsWithAnAssumedRoleAndItsExternalId() throws Exception {
    int before = sim.awsSessions().size();
    Endpoint e = role(ROLE + "-chat", "ext-7", Map.of()).build();

    assertThat(adapter.chat(e, hello()).text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    RecordingListener listener = new RecordingListener();
    adapter.stream(e, hello(), listener);
    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.usage.source()).isEqualTo(UsageSource.REPORTED);

    assertThat(sim.awsSessions().subList(before, sim.awsSessions().size()))
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.roleArn()).isEqualTo(ROLE + "-chat");
              assertThat(s.externalId()).isEqualTo("ext-7");
            });
  }

  @Test
  void assumedRoleCredentialsAreRefreshedDuringALongStreamThatCompletes() throws Exception {
    String roleArn = ROLE + "-long";
    // 25 tokens 200 ms apart: a 5 s stream, longer than one 3 s session
    Endpoint e = role(roleArn, null, Map.of("X-Sim-Tokens", "25", "X-Sim-Delay-Ms", "200")).build();
    RecordingListener listener = new RecordingListener();

    adapter.stream(e, hello(), listener);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !listener.of(StreamEvent.TextDelta.class).isEmpty());
    List<String> keysAtFirstToken = issuedKeys(roleArn);

    assertThat(listener.await()).isEqualTo("complete");
    List<String> keysAtEnd = issuedKeys(roleArn);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(25);
    assertThat(listener.usage.outputTokens()).isEqualTo(25);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.REPORTED);
    // new AssumeRole calls happened while the stream ran, in the background
    assertThat(keysAtEnd).hasSizeGreaterThan(keysAtFirstToken.size());
    // the first session has expired by now: the next call is signed with refreshed credentials
    assertThat(sim.awsSessions().stream().filter(s -> s.roleArn().equals(roleArn)).findFirst())
        .hasValueSatisfying(s -> assertThat(s.expiresAt()).isBefore(java.time.Instant.now()));
    assertThat(adapter.chat(e, hello()).text()).isNotEmpty();
  }

  private static List<String> issuedKeys(String roleArn) {
    return sim.awsSessions().stream()
        .filter(s -> s.roleArn().equals(roleArn))
        .map(dev.switchboard.simulator.AwsSession::accessKeyId)
        .toList();
  }

  @Test
  void aWrongSecretIsAnAuthenticationError() {
    assertThatThrownBy(() -> adapter.chat(keys("wrong-secret", Map.of()).build(), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
              assertThat(e.httpStatus()).isEqualTo(403);
              assertThat(e.providerCode()).contains("InvalidSignatureException");
              assertThat(e.getMessage()).doesNotContain("wrong-secret");
            });
  }

  @Test
  void aDeniedAssumeRoleIsAPermissionError() {
    assertThatThrownBy(() -> adapter.chat(role(ROLE + "/denied", null, Map.of()).build(), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.PERMISSION);
              assertThat(e.providerCode()).contains("AccessDenied");
            });
  }

  @Test
  void bedrockErrorsMapToCategories() {
    Endpoint e = keys(AWS.secretAccessKey(), Map.of()).build();
    record Case(String fault, ErrorCategory category, String code) {}
    for (Case c :
        List.of(
            new Case("status=429", ErrorCategory.RATE_LIMITED, "ThrottlingException"),
            new Case(
                "status=429;code=ModelNotReadyException",
                ErrorCategory.UNAVAILABLE,
                "ModelNotReadyException"),
            new Case("status=408", ErrorCategory.TIMEOUT, "ModelTimeoutException"),
            new Case("status=400", ErrorCategory.BAD_REQUEST, "ValidationException"),
            new Case("status=403", ErrorCategory.PERMISSION, "AccessDeniedException"),
            new Case("status=503", ErrorCategory.UNAVAILABLE, "ServiceUnavailableException"),
            new Case("status=500", ErrorCategory.UNAVAILABLE, "InternalServerException"))) {
      sim.enqueueFault("bedrock", c.fault());
      assertThatThrownBy(() -> adapter.chat(e, hello()))
          .as(c.fault())
          .isInstanceOfSatisfying(
              ProviderException.class,
              ex -> {
                assertThat(ex.category()).isEqualTo(c.category());
                assertThat(ex.providerCode()).contains(c.code());
              });
    }
    assertThatThrownBy(
            () ->
                adapter.chat(
                    e, ChatRequest.builder("missing-model").message(Message.user("hi")).build()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            ex -> assertThat(ex.category()).isEqualTo(ErrorCategory.MODEL_NOT_FOUND));
    ChatRequest tooLong =
        ChatRequest.builder("amazon.nova-tiny")
            .message(Message.user("one two three four five six seven eight nine ten ".repeat(6)))
            .build();
    assertThatThrownBy(() -> adapter.chat(e, tooLong))
        .isInstanceOfSatisfying(
            ProviderException.class,
            ex -> assertThat(ex.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED));
  }

  @Test
  void aMidStreamExceptionEndsTheStreamWithAnErrorAndTheUsageSoFar() throws Exception {
    sim.enqueueFault("bedrock", "stream-error-after=3");
    RecordingListener listener = new RecordingListener();

    adapter.stream(keys(AWS.secretAccessKey(), Map.of()).build(), hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(3);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.ESTIMATED);
  }

  @Test
  void cancellingAStreamEndsItOnceWithTheUsageSoFar() throws Exception {
    RecordingListener listener = new RecordingListener();
    StreamHandle handle =
        adapter.stream(
            keys(AWS.secretAccessKey(), Map.of("X-Sim-Tokens", "50", "X-Sim-Delay-Ms", "100"))
                .build(),
            hello(),
            listener);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !listener.of(StreamEvent.TextDelta.class).isEmpty());

    handle.cancel();

    assertThat(listener.await()).isEqualTo("cancelled");
    assertThat(handle.completion().get().source()).isEqualTo(UsageSource.ESTIMATED);
    Thread.sleep(300);
    assertThat(listener.terminalCalls).isEqualTo(1);
  }

  @Test
  void theNetworkGuardAppliesToTheBedrockAndStsEndpoints() {
    Endpoint bedrockRefused =
        keys(AWS.secretAccessKey(), Map.of())
            .addressPolicy(dev.switchboard.providers.net.AddressPolicy.defaults())
            .build();
    assertThatThrownBy(() -> adapter.chat(bedrockRefused, hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
              assertThat(e.providerCode()).contains("address_not_allowed");
            });
    RecordingListener listener = new RecordingListener();
    adapter.stream(bedrockRefused, hello(), listener);
    assertThat(listener.outcome.join()).isEqualTo("error");
    assertThat(listener.error.providerCode()).contains("address_not_allowed");

    Endpoint stsRefused =
        keys(AWS.secretAccessKey(), Map.of())
            .aws(
                Endpoint.Aws.keys("us-east-1", AWS.accessKeyId())
                    .withRole(ROLE, URI.create("http://169.254.169.254/sts"), null))
            .build();
    assertThatThrownBy(() -> adapter.chat(stsRefused, hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.providerCode()).contains("address_not_allowed"));
  }

  @Test
  void anEndpointWithoutAwsSettingsOrCredentialsIsABadRequest() {
    Endpoint none = Endpoint.builder("bedrock").apiKey("x").build();
    assertThatThrownBy(() -> adapter.chat(none, hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST));
    Endpoint noSecret =
        Endpoint.builder("bedrock").aws(Endpoint.Aws.keys("us-east-1", "AKIA")).build();
    assertThatThrownBy(() -> adapter.chat(noSecret, hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST));
  }
}
