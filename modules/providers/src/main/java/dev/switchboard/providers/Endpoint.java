package dev.switchboard.providers;

import dev.switchboard.providers.auth.RequestAuth;
import dev.switchboard.providers.byo.ByoWire;
import dev.switchboard.providers.net.AddressPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where and how to reach one provider account, already resolved: variables substituted and secrets
 * decrypted by the caller. {@link #toString()} never shows the key or header values.
 *
 * @param providerId the provider id, e.g. {@code openai}, {@code groq}, {@code anthropic}
 * @param baseUrl the provider's base URL, e.g. {@code https://api.openai.com/v1}; {@code null}
 *     takes the provider's default
 * @param apiKey the credential; {@code null} for providers that need none
 * @param organization OpenAI's organization id, or {@code null}
 * @param extraHeaders further headers sent on every request (names are not secret, values may be)
 * @param azure Azure OpenAI's resource, deployment and api-version; {@code null} elsewhere
 * @param timeouts connect, idle and total deadlines
 * @param maxResponseBytes the most bytes one response (or one whole stream) may have
 * @param addressPolicy the hosts and addresses calls may reach (the SSRF guard); {@code null} means
 *     {@link AddressPolicy#defaults()}, the public internet only
 * @param auth how calls authenticate when an auth profile applies (its headers replace the
 *     provider's key header); {@code null} for the provider's own key handling
 * @param byo a bring-your-own endpoint's wire (template, mappings); {@code null} for other
 *     providers
 * @param aws Amazon Bedrock's region and AWS credentials setup; {@code null} elsewhere. With it,
 *     {@code apiKey} is the secret access key and {@code baseUrl} the Bedrock Runtime endpoint
 *     override
 */
public record Endpoint(
    String providerId,
    URI baseUrl,
    String apiKey,
    String organization,
    Map<String, String> extraHeaders,
    Azure azure,
    Timeouts timeouts,
    long maxResponseBytes,
    AddressPolicy addressPolicy,
    RequestAuth auth,
    ByoWire byo,
    Aws aws) {

  /** 16 MiB: far above any chat reply, far below what would hurt the server. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  public Endpoint {
    Objects.requireNonNull(providerId, "providerId");
    extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
    addressPolicy = addressPolicy == null ? AddressPolicy.defaults() : addressPolicy;
  }

  /** The endpoint without an auth profile, a bring-your-own wire or AWS settings. */
  public Endpoint(
      String providerId,
      URI baseUrl,
      String apiKey,
      String organization,
      Map<String, String> extraHeaders,
      Azure azure,
      Timeouts timeouts,
      long maxResponseBytes,
      AddressPolicy addressPolicy) {
    this(
        providerId,
        baseUrl,
        apiKey,
        organization,
        extraHeaders,
        azure,
        timeouts,
        maxResponseBytes,
        addressPolicy,
        null,
        null,
        null);
  }

  /** The endpoint under the default address policy (the constructor before the network guard). */
  public Endpoint(
      String providerId,
      URI baseUrl,
      String apiKey,
      String organization,
      Map<String, String> extraHeaders,
      Azure azure,
      Timeouts timeouts,
      long maxResponseBytes) {
    this(
        providerId,
        baseUrl,
        apiKey,
        organization,
        extraHeaders,
        azure,
        timeouts,
        maxResponseBytes,
        null);
  }

  public static Builder builder(String providerId) {
    return new Builder(providerId);
  }

  /** The same endpoint with other deadlines (e.g. clipped to a call's remaining time). */
  public Endpoint withTimeouts(Timeouts other) {
    return new Endpoint(
        providerId,
        baseUrl,
        apiKey,
        organization,
        extraHeaders,
        azure,
        other,
        maxResponseBytes,
        addressPolicy,
        auth,
        byo,
        aws);
  }

  @Override
  public String toString() {
    return "Endpoint[providerId="
        + providerId
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "****")
        + ", organization="
        + organization
        + ", extraHeaders="
        + new TreeMap<>(extraHeaders).keySet()
        + ", azure="
        + azure
        + ", timeouts="
        + timeouts
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", network="
        + addressPolicy
        + (auth == null ? "" : ", auth=" + auth.getClass().getSimpleName())
        + (byo == null ? "" : ", byo=" + byo)
        + (aws == null ? "" : ", aws=" + aws)
        + "]";
  }

  /**
   * Azure OpenAI's addressing.
   *
   * @param resource the resource name ({@code https://{resource}.openai.azure.com})
   * @param deployment the deployment name, which stands for the model
   * @param apiVersion the {@code api-version} query parameter
   */
  public record Azure(String resource, String deployment, String apiVersion) {
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    public Azure {
      Objects.requireNonNull(deployment, "deployment");
      apiVersion = apiVersion == null ? DEFAULT_API_VERSION : apiVersion;
    }
  }

  /**
   * Amazon Bedrock's addressing and AWS credentials. The secret access key is the endpoint's {@code
   * apiKey}; with a role ARN, the key pair (or, without one, the server's default AWS credentials)
   * only signs the STS {@code AssumeRole} call, and Bedrock calls are signed with the temporary
   * credentials it returns.
   *
   * @param region the AWS region, e.g. {@code us-east-1}; signs every request
   * @param accessKeyId the access key id paired with {@code apiKey}, or {@code null} for the
   *     server's default credentials (with a role)
   * @param roleArn an IAM role to assume, or {@code null} to call Bedrock with the key pair
   * @param stsEndpoint the STS endpoint of the role's region, or {@code null} for {@code
   *     https://sts.<region>.amazonaws.com}
   * @param externalId the external id the role's trust policy requires, or {@code null}
   * @param modelArn a model or inference-profile ARN that replaces the request's model id, or
   *     {@code null}
   * @param serverIdentity whether, without keys, the server's own AWS credentials (the SDK's
   *     default chain) may sign: only when an admin allowed it for the integration; otherwise a
   *     setup without keys is refused
   */
  public record Aws(
      String region,
      String accessKeyId,
      String roleArn,
      URI stsEndpoint,
      String externalId,
      String modelArn,
      boolean serverIdentity) {

    public Aws {
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException("an AWS region is required");
      }
    }

    /** Settings that never use the server's own AWS identity. */
    public Aws(
        String region,
        String accessKeyId,
        String roleArn,
        URI stsEndpoint,
        String externalId,
        String modelArn) {
      this(region, accessKeyId, roleArn, stsEndpoint, externalId, modelArn, false);
    }

    /** Static keys: the access key id with the endpoint's {@code apiKey} as its secret. */
    public static Aws keys(String region, String accessKeyId) {
      return new Aws(region, accessKeyId, null, null, null, null);
    }

    /** This setup assuming a role through STS. */
    public Aws withRole(String role, URI sts, String external) {
      return new Aws(region, accessKeyId, role, sts, external, modelArn, serverIdentity);
    }

    public Aws withModelArn(String arn) {
      return new Aws(region, accessKeyId, roleArn, stsEndpoint, externalId, arn, serverIdentity);
    }

    /**
     * This setup allowed (by an admin) to sign with the server's own AWS identity, the SDK's
     * default credentials chain, when it has no keys.
     */
    public Aws withServerIdentity() {
      return new Aws(region, accessKeyId, roleArn, stsEndpoint, externalId, modelArn, true);
    }

    /** The access key id is shown masked: it is not secret, but it names an account. */
    @Override
    public String toString() {
      String shownKey =
          accessKeyId == null
              ? "default"
              : accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "****";
      return "Aws[region="
          + region
          + ", accessKeyId="
          + shownKey
          + ", roleArn="
          + roleArn
          + ", stsEndpoint="
          + stsEndpoint
          + ", externalId="
          + (externalId == null ? "none" : "****")
          + ", modelArn="
          + modelArn
          + (serverIdentity ? ", serverIdentity" : "")
          + "]";
    }
  }

  /**
   * The three deadlines of a call.
   *
   * @param connect to open the TCP (and TLS) connection
   * @param idle the longest silence while waiting for the response headers or the next bytes of the
   *     body
   * @param total for the whole call, from sending to the last byte
   */
  public record Timeouts(Duration connect, Duration idle, Duration total) {
    public static final Timeouts DEFAULTS =
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5));

    public Timeouts {
      for (Duration d : new Duration[] {connect, idle, total}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive");
        }
      }
    }
  }

  /** Builds an {@link Endpoint}. */
  public static final class Builder {
    private final String providerId;
    private URI baseUrl;
    private String apiKey;
    private String organization;
    private Map<String, String> extraHeaders = Map.of();
    private Azure azure;
    private Timeouts timeouts = Timeouts.DEFAULTS;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private AddressPolicy addressPolicy = AddressPolicy.defaults();
    private RequestAuth auth;
    private ByoWire byo;
    private Aws aws;

    private Builder(String providerId) {
      this.providerId = providerId;
    }

    public Builder baseUrl(String url) {
      this.baseUrl = url == null ? null : URI.create(url);
      return this;
    }

    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    public Builder organization(String org) {
      this.organization = org;
      return this;
    }

    public Builder extraHeaders(Map<String, String> headers) {
      this.extraHeaders = headers;
      return this;
    }

    public Builder azure(String resource, String deployment, String apiVersion) {
      this.azure = new Azure(resource, deployment, apiVersion);
      return this;
    }

    public Builder timeouts(Duration connect, Duration idle, Duration total) {
      this.timeouts = new Timeouts(connect, idle, total);
      return this;
    }

    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = bytes;
      return this;
    }

    /** The hosts and addresses calls may reach; the default allows the public internet only. */
    public Builder addressPolicy(AddressPolicy policy) {
      this.addressPolicy = policy;
      return this;
    }

    /** Authentication by an auth profile instead of the provider's key header. */
    public Builder auth(RequestAuth requestAuth) {
      this.auth = requestAuth;
      return this;
    }

    /** A bring-your-own endpoint's wire. */
    public Builder byo(ByoWire wire) {
      this.byo = wire;
      return this;
    }

    /** Amazon Bedrock's region and credentials setup. */
    public Builder aws(Aws settings) {
      this.aws = settings;
      return this;
    }

    public Endpoint build() {
      return new Endpoint(
          providerId,
          baseUrl,
          apiKey,
          organization,
          extraHeaders,
          azure,
          timeouts,
          maxResponseBytes,
          addressPolicy,
          auth,
          byo,
          aws);
    }
  }
}
