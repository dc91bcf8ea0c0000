package dev.switchboard.integrations;

import java.util.Objects;

/**
 * Who may decide that a Bedrock integration signs with the server's own AWS identity ({@code
 * aws.serverIdentity}): only an admin. With it, the gateway signs (or assumes the integration's
 * role) with whatever the server's default AWS credentials chain holds, so the setting and what it
 * is used for are an admin's decision: a member may neither set nor clear it, nor change the role,
 * STS endpoint, external id, access key id, region or Bedrock endpoint of an integration an admin
 * allowed it for (else a member could retarget an approved server identity at any role it may
 * assume). A member's refusal is a 400 naming {@code aws.serverIdentity}.
 */
final class ServerIdentityRule {

  static final String FIELD = "aws.serverIdentity";

  private ServerIdentityRule() {}

  /**
   * @param stored the integration before the update, or {@code null} on create
   * @throws InvalidRequestException {@value #FIELD} when a member would set, clear or use the
   *     server identity differently from what an admin decided
   */
  static void check(Caller caller, IntegrationDraft d, Integration stored) {
    if (caller.admin() || d.aws() == null) {
      return;
    }
    AwsSettings aws = d.aws();
    boolean before = stored != null && stored.awsServerIdentity;
    if (aws.serverIdentity() != null && aws.serverIdentity() != before) {
      throw new InvalidRequestException(
          FIELD,
          before
              ? "only an admin may stop an integration signing with the server's own AWS identity"
              : "only an admin may let an integration sign with the server's own AWS identity");
    }
    if (before && identityChanged(d, stored)) {
      throw new InvalidRequestException(
          FIELD,
          "this integration signs with the server's own AWS identity: only an admin may change"
              + " its role, STS endpoint, external id, access key id, region or endpoint");
    }
  }

  private static boolean identityChanged(IntegrationDraft d, Integration i) {
    AwsSettings aws = d.aws().keepingExternalId(i.awsExternalId);
    return !same(aws.roleArn(), i.awsRoleArn)
        || !same(aws.stsEndpoint(), i.awsStsEndpoint)
        || !same(aws.externalId(), i.awsExternalId)
        || !same(aws.accessKeyId(), i.awsAccessKeyId)
        || !same(aws.region(), i.awsRegion)
        || !same(d.baseUrl(), i.baseUrl);
  }

  private static boolean same(String draft, String stored) {
    return Objects.equals(Integrations.emptyToNull(draft), Integrations.emptyToNull(stored));
  }
}
