package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The AWS SDK for Java v2 itself judges the simulator's Bedrock and STS wires: {@code
 * BedrockRuntimeClient.converse}, {@code BedrockRuntimeAsyncClient.converseStream} (event-stream
 * frames, CRCs checked by the SDK's decoder) and {@code StsClient.assumeRole}, each with an
 * endpoint override and SigV4 signatures the simulator recomputes.
 */
class BedrockSdkCertificationTest {

  static final String REPLY = OpenAiSdkCertificationTest.REPLY;
  static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String ROLE = "arn:aws:iam::123456789012:role/switchboard-bedrock";

  static Simulator sim;

  @BeforeAll
  static void start() {
    sim =
        Simulator.start(
            SimulatorOptions.defaults()
                .withAws(SimulatorOptions.Aws.DEFAULTS.withSessionLifetime(Duration.ofSeconds(3))));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static AwsCredentialsProvider longTerm(String secret) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(SimulatorOptions.Aws.DEFAULTS.accessKeyId(), secret));
  }

  static BedrockRuntimeClient client(AwsCredentialsProvider credentials) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(URI.create(sim.baseUrl() + "/bedrock"))
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  static BedrockRuntimeAsyncClient asyncClient(AwsCredentialsProvider credentials) {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(URI.create(sim.baseUrl() + "/bedrock"))
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(NettyNioAsyncHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  static StsClient sts(AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(sim.baseUrl() + "/sts"))
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static Message user(String text) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(text))
        .build();
  }

  @Test
  void converseParsesTextStopReasonAndUsage() {
    try (BedrockRuntimeClient client =
        client(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      ConverseResponse response =
          client.converse(r -> r.modelId(MODEL).messages(user("Say hello to the gateway")));

      assertThat(response.output().message().content().get(0).text()).isEqualTo(REPLY);
      assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
      assertThat(response.usage().inputTokens()).isEqualTo(8);
      assertThat(response.usage().outputTokens()).isEqualTo(8);
      assertThat(response.usage().totalTokens()).isEqualTo(16);
      assertThat(response.metrics().latencyMs()).isNotNull();
    }
  }

  @Test
  void converseAcceptsAnInferenceProfileArnAndReportsCacheTokens() {
    try (BedrockRuntimeClient client =
        client(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      ConverseResponse response =
          client.converse(
              r ->
                  r.modelId(
                          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0")
                      .messages(user("Say hello to the gateway"))
                      .inferenceConfig(c -> c.maxTokens(3))
                      .overrideConfiguration(o -> o.putHeader("X-Sim-Cached-Tokens", "2")));

      assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
      assertThat(response.usage().outputTokens()).isEqualTo(3);
      assertThat(response.usage().inputTokens()).isEqualTo(6);
      assertThat(response.usage().cacheReadInputTokens()).isEqualTo(2);
    }
  }

  @Test
  void converseStreamDeliversDeltasAsEventsAndUsageInMetadata() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    List<ConverseStreamMetadataEvent> metadata = new CopyOnWriteArrayList<>();
    List<StopReason> stops = new CopyOnWriteArrayList<>();
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onContentBlockDelta((ContentBlockDeltaEvent e) -> deltas.add(e.delta().text()))
                    .onMessageStop((MessageStopEvent e) -> stops.add(e.stopReason()))
                    .onMetadata(metadata::add)
                    .build())
            .build();
    try (BedrockRuntimeAsyncClient client =
        asyncClient(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      client
          .converseStream(
              r ->
                  r.modelId("meta.llama3-70b-instruct-v1:0")
                      .messages(user("Say hello to the gateway"))
                      .overrideConfiguration(o -> o.putHeader("X-Sim-Delay-Ms", "5")),
              handler)
          .get(30, TimeUnit.SECONDS);
    }

    assertThat(deltas).hasSize(8);
    assertThat(String.join("", deltas)).isEqualTo(REPLY);
    assertThat(stops).containsExactly(StopReason.END_TURN);
    assertThat(metadata).hasSize(1);
    assertThat(metadata.get(0).usage().inputTokens()).isEqualTo(8);
    assertThat(metadata.get(0).usage().outputTokens()).isEqualTo(8);
  }

  @Test
  void aWrongSecretKeyIsRefusedAsAwsWould() {
    try (BedrockRuntimeClient client = client(longTerm("not-the-secret"))) {
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.awscore.exception.AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith("The request signature we calculated does not match");
              });
    }
    try (StsClient sts = sts(longTerm("not-the-secret"))) {
      assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s")))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.awscore.exception.AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
              });
    }
  }

  @Test
  void anUnknownAccessKeyIsUnrecognized() {
    AwsCredentialsProvider stranger =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN000000000", "x"));
    try (BedrockRuntimeClient client = client(stranger)) {
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.awscore.exception.AwsServiceException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void assumeRoleIssuesCredentialsThatConverseAcceptsUntilTheyExpire() throws Exception {
    AtomicReference<AwsCredentials> current =
        new AtomicReference<>(
            AwsBasicCredentials.create(
                SimulatorOptions.Aws.DEFAULTS.accessKeyId(),
                SimulatorOptions.Aws.DEFAULTS.secretAccessKey()));
    try (BedrockRuntimeClient client = client(current::get);
        StsClient sts = sts(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      client.converse(r -> r.modelId(MODEL).messages(user("warm up"))); // the clients are loaded

      AssumeRoleResponse response =
          sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("switchboard").externalId("ext-42"));
      Credentials issued = response.credentials();
      assertThat(response.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::123456789012:assumed-role/switchboard-bedrock/switchboard");
      assertThat(issued.accessKeyId()).startsWith("ASIA");
      assertThat(issued.sessionToken()).isNotBlank();
      assertThat(issued.expiration()).isAfter(Instant.now());
      assertThat(sim.awsSessions())
          .anySatisfy(
              s -> {
                assertThat(s.accessKeyId()).isEqualTo(issued.accessKeyId());
                assertThat(s.externalId()).isEqualTo("ext-42");
                assertThat(s.roleArn()).isEqualTo(ROLE);
              });

      current.set(
          AwsSessionCredentials.create(
              issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
      assertThat(client.converse(r -> r.modelId(MODEL).messages(user("hi"))).usage().outputTokens())
          .isEqualTo(8);

      Thread.sleep(
          Math.max(0, Duration.between(Instant.now(), issued.expiration()).toMillis()) + 100);
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.awscore.exception.AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
              });
    }
  }

  @Test
  void errorsArriveAsTheSdksModeledExceptions() {
    try (BedrockRuntimeClient client =
        client(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      assertThatThrownBy(
              () -> client.converse(r -> r.modelId("missing-model").messages(user("hi"))))
          .isInstanceOf(ResourceNotFoundException.class);
      assertThatThrownBy(
              () ->
                  client.converse(
                      r ->
                          r.modelId("amazon.nova-tiny")
                              .messages(
                                  user(
                                      "one two three four five six seven eight nine ten "
                                          .repeat(6)))))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.getMessage()).contains("Input is too long"));
      sim.enqueueFault("bedrock", "status=429");
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOf(ThrottlingException.class);
      sim.enqueueFault("bedrock", "status=429;code=ModelNotReadyException");
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOf(
              software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException.class);
      sim.enqueueFault("bedrock", "status=503");
      assertThatThrownBy(() -> client.converse(r -> r.modelId(MODEL).messages(user("hi"))))
          .isInstanceOf(
              software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException
                  .class);
    }
  }

  @Test
  void aMidStreamExceptionReachesTheSdkAsAnError() {
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(ConverseStreamResponseHandler.Visitor.builder().build())
            .build();
    try (BedrockRuntimeAsyncClient client =
        asyncClient(longTerm(SimulatorOptions.Aws.DEFAULTS.secretAccessKey()))) {
      sim.enqueueFault("bedrock", "stream-error-after=3");
      assertThatThrownBy(
              () ->
                  client.converseStream(r -> r.modelId(MODEL).messages(user("hi")), handler).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SdkException.class)
          .cause()
          .isInstanceOf(
              software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException
                  .class);
    }
  }
}
