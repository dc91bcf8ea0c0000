package dev.switchboard.integrations;

/**
 * An Amazon Bedrock integration's AWS settings (the secret access key is the integration's {@code
 * apiKey}, sealed like every credential). The role ARN, the STS endpoint and the model ARN may hold
 * variable references; region, access key id and external id are stored as given.
 *
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param accessKeyId the access key id, or {@code null} with a role and the server's own AWS
 *     credentials
 * @param roleArn an IAM role to assume through STS, or {@code null}
 * @param stsEndpoint the STS endpoint of the role's region, or {@code null} for the region's own
 * @param externalId the external id the role's trust policy requires, or {@code null}
 * @param modelArn a model or inference-profile ARN to call instead of the model id, or {@code null}
 * @param serverIdentity whether the integration may sign with the server's own AWS identity (the
 *     SDK's default credentials chain) when it has no keys: only an admin may turn it on, audited;
 *     {@code null} on an update keeps the stored setting
 */
public record AwsSettings(
    String region,
    String accessKeyId,
    String roleArn,
    String stsEndpoint,
    String externalId,
    String modelArn,
    Boolean serverIdentity) {

  /** Whether this draft asks for the server identity. */
  boolean wantsServerIdentity() {
    return Boolean.TRUE.equals(serverIdentity);
  }

  /** How views show a stored external id; sent back on an update, it keeps the stored one. */
  public static final String MASKED = "****";

  /** As views show it: the external id, which a role's trust policy checks, masked. */
  AwsSettings masked() {
    return new AwsSettings(
        region,
        accessKeyId,
        roleArn,
        stsEndpoint,
        externalId == null ? null : MASKED,
        modelArn,
        serverIdentity);
  }

  /** With the stored external id in place of the mask a view showed. */
  AwsSettings keepingExternalId(String stored) {
    return MASKED.equals(externalId)
        ? new AwsSettings(
            region, accessKeyId, roleArn, stsEndpoint, stored, modelArn, serverIdentity)
        : this;
  }
}
