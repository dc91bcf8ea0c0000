package dev.switchboard.providers.bedrock;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients of each distinct Bedrock setup (region, endpoint, credentials, role, network
 * policy), built once and kept: SDK clients own connection pools, and an assumed role's temporary
 * credentials live in its provider, cached and refreshed there. At most {@value #MAX_SETUPS} setups
 * are kept; the least recently used one is closed beyond that.
 *
 * <p>HTTP clients (STACK.md trap 10), chosen explicitly: Apache 4 for Converse and STS, its name
 * resolution through the network guard ({@link GuardedDns}); netty-nio for ConverseStream, the only
 * async client, on one event loop group shared by every setup, each setup's connections checked
 * against its network guard as they connect ({@link GuardedSocketChannel}). Whole replies
 * (Converse, STS) are capped by {@link ResponseCap}. Timeouts per call come from the endpoint (see
 * {@link BedrockAdapter}); the clients' own connect and read timeouts are the endpoint defaults.
 */
final class BedrockClients {

  static final int MAX_SETUPS = 32;

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");
  private static final Endpoint.Timeouts CLIENT_TIMEOUTS = Endpoint.Timeouts.DEFAULTS;

  /**
   * What makes two endpoints share clients. Holds the secret: {@link #toString()} hides it.
   *
   * @param bedrock the Bedrock Runtime endpoint (the override, or the region's public one)
   */
  record Setup(
      String region,
      URI bedrock,
      String accessKeyId,
      String secret,
      String roleArn,
      URI sts,
      String externalId,
      boolean serverIdentity,
      AddressPolicy policy) {

    @Override
    public String toString() {
      return "Setup[" + region + ", " + bedrock + ", role=" + roleArn + ", sts=" + sts + "]";
    }
  }

  /** The clients of one setup. */
  record Clients(
      BedrockRuntimeClient sync,
      BedrockRuntimeAsyncClient async,
      AwsCredentialsProvider credentials,
      SdkAutoCloseable... owned) {

    void close() {
      for (SdkAutoCloseable c : owned) {
        try {
          c.close();
        } catch (RuntimeException ignored) {
          // closing is best effort
        }
      }
    }
  }

  private final CredentialTiming timing;
  private final Map<Setup, Clients> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Setup, Clients> eldest) {
          if (size() > MAX_SETUPS) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };
  private EventLoopGroup loop;

  BedrockClients(CredentialTiming timing) {
    this.timing = timing;
  }

  /**
   * The setup an endpoint asks for, checked: a region, and the endpoints the network guard allows.
   *
   * @throws ProviderException {@code BAD_REQUEST} for a missing or malformed setting or a refused
   *     address
   */
  static Setup setup(Endpoint endpoint) {
    Endpoint.Aws aws = endpoint.aws();
    if (aws == null) {
      throw bad("a Bedrock endpoint needs its AWS settings (region and credentials)");
    }
    if (!REGION.matcher(aws.region()).matches()) {
      throw bad("'" + aws.region() + "' is not an AWS region");
    }
    URI bedrock =
        endpoint.baseUrl() != null
            ? endpoint.baseUrl()
            : URI.create("https://bedrock-runtime." + aws.region() + ".amazonaws.com");
    boolean keys = aws.accessKeyId() != null && endpoint.apiKey() != null;
    if (!keys && !aws.serverIdentity()) {
      throw bad(
          aws.roleArn() != null
              ? "Bedrock needs an access key id and secret access key to assume the role: signing"
                  + " with the server's own AWS identity is not allowed for this integration (an"
                  + " admin may allow it: aws.serverIdentity)"
              : "Bedrock needs an access key id and secret access key, or an IAM role ARN");
    }
    URI sts = null;
    if (aws.roleArn() != null) {
      sts =
          aws.stsEndpoint() != null
              ? aws.stsEndpoint()
              : URI.create("https://sts." + aws.region() + ".amazonaws.com");
      endpoint.addressPolicy().check(sts);
    }
    endpoint.addressPolicy().check(bedrock);
    return new Setup(
        aws.region(),
        bedrock,
        aws.accessKeyId(),
        endpoint.apiKey(),
        aws.roleArn(),
        sts,
        aws.externalId(),
        !keys,
        endpoint.addressPolicy());
  }

  /** The clients of a setup, built on first use. */
  synchronized Clients of(Setup setup) {
    return clients.computeIfAbsent(setup, this::build);
  }

  private Clients build(Setup s) {
    Region region = Region.of(s.region());
    SdkHttpClient http =
        ApacheHttpClient.builder()
            .dnsResolver(new GuardedDns(s.policy()))
            .connectionTimeout(CLIENT_TIMEOUTS.connect())
            .socketTimeout(CLIENT_TIMEOUTS.idle())
            .build();
    SdkAsyncHttpClient async =
        NettyNioAsyncHttpClient.builder()
            .eventLoopGroup(
                SdkEventLoopGroup.create(loop(), () -> new GuardedSocketChannel(s.policy())))
            .connectionTimeout(CLIENT_TIMEOUTS.connect())
            .readTimeout(CLIENT_TIMEOUTS.idle())
            .build();
    AwsCredentialsProvider base;
    if (s.accessKeyId() != null && s.secret() != null) {
      base =
          StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secret()));
    } else if (s.serverIdentity()) {
      // an admin allowed this integration the server's own AWS identity (audited)
      base = DefaultCredentialsProvider.builder().build();
    } else {
      throw new IllegalStateException(
          "a Bedrock setup without keys was not allowed the server identity");
    }
    AwsCredentialsProvider credentials = base;
    StsClient sts = null;
    StsAssumeRoleCredentialsProvider assumed = null;
    if (s.roleArn() != null) {
      sts =
          StsClient.builder()
              .region(region)
              .endpointOverride(s.sts())
              .credentialsProvider(base)
              .httpClient(http)
              .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
              .build();
      assumed =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(
                  r -> {
                    r.roleArn(s.roleArn()).roleSessionName("switchboard");
                    if (s.externalId() != null) {
                      r.externalId(s.externalId());
                    }
                  })
              .prefetchTime(timing.prefetch())
              .staleTime(timing.stale())
              .asyncCredentialUpdateEnabled(true)
              .build();
      credentials = assumed;
    }
    BedrockRuntimeClient sync =
        BedrockRuntimeClient.builder()
            .region(region)
            .endpointOverride(s.bedrock())
            .credentialsProvider(credentials)
            .httpClient(http)
            .overrideConfiguration(
                c ->
                    c.retryStrategy(r -> r.maxAttempts(1))
                        .addExecutionInterceptor(new ResponseCap()))
            .build();
    BedrockRuntimeAsyncClient asyncClient =
        BedrockRuntimeAsyncClient.builder()
            .region(region)
            .endpointOverride(s.bedrock())
            .credentialsProvider(credentials)
            .httpClient(async)
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build();
    SdkAutoCloseable[] owned =
        assumed == null
            ? new SdkAutoCloseable[] {sync, asyncClient, http, async}
            : new SdkAutoCloseable[] {sync, asyncClient, assumed, sts, http, async};
    return new Clients(sync, asyncClient, credentials, owned);
  }

  /** One event loop group for every setup; each setup's channels carry its own network guard. */
  private synchronized EventLoopGroup loop() {
    if (loop == null) {
      loop =
          new NioEventLoopGroup(
              2,
              r -> {
                Thread t = new Thread(r, "switchboard-bedrock-stream");
                t.setDaemon(true);
                return t;
              });
    }
    return loop;
  }

  /** Closes every client; the adapter stays usable and builds them again on demand. */
  synchronized void closeAll() {
    clients.values().forEach(Clients::close);
    clients.clear();
  }

  static ProviderException bad(String message) {
    return ProviderException.builder(ErrorCategory.BAD_REQUEST, message)
        .provider(BedrockErrors.PROVIDER)
        .build();
  }

  static Duration callTimeout(Endpoint endpoint) {
    return endpoint.timeouts().total();
  }
}
