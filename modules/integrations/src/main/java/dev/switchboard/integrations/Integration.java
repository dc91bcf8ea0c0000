package dev.switchboard.integrations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/**
 * One integration. Credentials are stored only sealed ({@code apiKeySealed}); the web layer never
 * sees this entity, only {@link IntegrationView}. Times are UTC.
 *
 * <p>Other classes read its fields but change them only through its methods: EclipseLink's woven
 * change tracking sees assignments made inside the entity class, not from outside.
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_integration")
public class Integration {

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "name", nullable = false, length = 100)
  String name;

  @Column(name = "description", length = 1000)
  String description;

  @Column(name = "provider_id", nullable = false, length = 50)
  String providerId;

  @Column(name = "owner", nullable = false, length = 100)
  String owner;

  @Column(name = "workspace", nullable = false, length = 100)
  String workspace;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 20)
  IntegrationStatus status;

  @Column(name = "api_key", length = 2000)
  String apiKeySealed;

  /** Extra request headers as sealed JSON: values may be secrets or hold variable references. */
  @Column(name = "extra_headers", length = 4000)
  String headersSealed;

  @Column(name = "organization", length = 200)
  String organization;

  @Column(name = "azure_resource", length = 200)
  String azureResource;

  @Column(name = "azure_api_version", length = 30)
  String azureApiVersion;

  @Column(name = "base_url", length = 2000)
  String baseUrl;

  /**
   * The destinations ({@code host:port,...}) the stored credentials are bound to: {@link
   * KeyDestinations}.
   */
  @Column(name = "key_hosts", length = 2000)
  String keyHosts;

  /** Amazon Bedrock's settings (V40); null for other providers. */
  @Column(name = "aws_region", length = 30)
  String awsRegion;

  @Column(name = "aws_access_key_id", length = 128)
  String awsAccessKeyId;

  @Column(name = "aws_role_arn", length = 2000)
  String awsRoleArn;

  @Column(name = "aws_sts_endpoint", length = 2000)
  String awsStsEndpoint;

  @Column(name = "aws_external_id", length = 1224)
  String awsExternalId;

  @Column(name = "aws_model_arn", length = 2000)
  String awsModelArn;

  /** An admin allowed this integration the server's own AWS identity (no keys needed). */
  @Column(name = "aws_server_identity", nullable = false)
  boolean awsServerIdentity;

  @Column(name = "request_timeout_seconds", nullable = false)
  int requestTimeoutSeconds;

  @Column(name = "max_retries", nullable = false)
  int maxRetries;

  @Column(name = "rate_limit_rpm")
  Integer rateLimitRpm;

  @Column(name = "created_at", nullable = false)
  LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  LocalDateTime updatedAt;

  @Column(name = "last_test_at")
  LocalDateTime lastTestAt;

  @Column(name = "last_test_ok")
  Boolean lastTestOk;

  @Column(name = "last_test_message", length = 1000)
  String lastTestMessage;

  /** The auth profile calls use instead of the key, or {@code null}. */
  @Column(name = "auth_profile_id", length = 36)
  String authProfileId;

  @Version
  @Column(name = "version", nullable = false)
  long version;

  protected Integration() {}

  Integration(String id, String providerId, String owner, String workspace, LocalDateTime now) {
    this.id = id;
    this.providerId = providerId;
    this.owner = owner;
    this.workspace = workspace;
    this.status = IntegrationStatus.UNTESTED;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Sets every caller-settable field; a {@code null} sealed key keeps the stored one. */
  /** Replaces the sealed extra headers ({@code null} removes them). */
  void headers(String sealed) {
    headersSealed = sealed;
  }

  void configure(IntegrationDraft d, String sealedKeyOrNull, LocalDateTime now) {
    name = d.name().trim();
    description = Integrations.emptyToNull(d.description());
    if (sealedKeyOrNull != null) {
      apiKeySealed = sealedKeyOrNull;
    }
    organization = Integrations.emptyToNull(d.organization());
    azureResource = Integrations.emptyToNull(d.azureResource());
    azureApiVersion = Integrations.emptyToNull(d.azureApiVersion());
    baseUrl = Integrations.emptyToNull(d.baseUrl());
    AwsSettings aws = d.aws();
    awsRegion = aws == null ? null : Integrations.emptyToNull(aws.region());
    awsAccessKeyId = aws == null ? null : Integrations.emptyToNull(aws.accessKeyId());
    awsRoleArn = aws == null ? null : Integrations.emptyToNull(aws.roleArn());
    awsStsEndpoint = aws == null ? null : Integrations.emptyToNull(aws.stsEndpoint());
    // a view's masked external id sent back unchanged (the console's edit, GET then PUT) keeps it
    awsExternalId =
        aws == null
            ? null
            : Integrations.emptyToNull(aws.keepingExternalId(awsExternalId).externalId());
    awsModelArn = aws == null ? null : Integrations.emptyToNull(aws.modelArn());
    if (aws == null) {
      awsServerIdentity = false;
    } else if (aws.serverIdentity() != null) {
      awsServerIdentity = aws.serverIdentity();
    }
    requestTimeoutSeconds =
        d.requestTimeoutSeconds() == null
            ? DraftRules.DEFAULT_TIMEOUT_SECONDS
            : d.requestTimeoutSeconds();
    maxRetries = d.maxRetries() == null ? DraftRules.DEFAULT_MAX_RETRIES : d.maxRetries();
    rateLimitRpm = d.rateLimitRpm();
    status = IntegrationStatus.UNTESTED;
    updatedAt = now;
  }

  /** Binds the stored credentials to these destinations ({@code null}: bound on first use). */
  void keyHosts(String hosts) {
    keyHosts = hosts;
  }

  void tested(LocalDateTime at, boolean ok, String message) {
    lastTestAt = at;
    lastTestOk = ok;
    lastTestMessage = message;
    status = ok ? IntegrationStatus.ACTIVE : IntegrationStatus.ERROR;
  }

  /** A scheduled test's result: the status is decided by {@link ScheduledStatus}. */
  void tested(LocalDateTime at, boolean ok, String message, IntegrationStatus decided) {
    lastTestAt = at;
    lastTestOk = ok;
    lastTestMessage = message;
    status = decided;
  }

  /** Attaches an auth profile ({@code null} detaches it); the status goes back to untested. */
  void authProfile(String profileId, LocalDateTime now) {
    authProfileId = profileId;
    status = IntegrationStatus.UNTESTED;
    updatedAt = now;
  }

  /** Forgets credentials, address and test results; the integration itself stays. */
  void clearConfiguration(LocalDateTime now) {
    apiKeySealed = null;
    authProfileId = null;
    headersSealed = null;
    organization = null;
    azureResource = null;
    azureApiVersion = null;
    baseUrl = null;
    keyHosts = null;
    awsRegion = null;
    awsAccessKeyId = null;
    awsRoleArn = null;
    awsStsEndpoint = null;
    awsExternalId = null;
    awsModelArn = null;
    awsServerIdentity = false;
    lastTestAt = null;
    lastTestOk = null;
    lastTestMessage = null;
    status = IntegrationStatus.UNTESTED;
    updatedAt = now;
  }

  void touched(LocalDateTime now) {
    updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String owner() {
    return owner;
  }

  public String providerId() {
    return providerId;
  }

  /** The AWS settings, or null when the integration has none. */
  AwsSettings aws() {
    return awsRegion == null
        ? null
        : new AwsSettings(
            awsRegion,
            awsAccessKeyId,
            awsRoleArn,
            awsStsEndpoint,
            awsExternalId,
            awsModelArn,
            awsServerIdentity);
  }
}
