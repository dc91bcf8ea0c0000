package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerIdentityRuleTest {

  private static final Caller MEMBER = new Caller("mia", false, "default");
  private static final Caller ADMIN = new Caller("admin", true, "default");
  private static final String ROLE = "arn:aws:iam::123456789012:role/approved";

  private static AwsSettings roleOnly(String role, Boolean serverIdentity) {
    return new AwsSettings("us-east-1", null, role, null, null, null, serverIdentity);
  }

  private static IntegrationDraft draft(AwsSettings aws) {
    return new IntegrationDraft(
        "bedrock", null, "bedrock", null, null, null, null, null, null, null, null, List.of(), null,
        aws);
  }

  /** A member's integration an admin allowed the server identity for, role {@link #ROLE}. */
  private static Integration allowed() {
    Integration i = new Integration("id-1", "bedrock", "mia", "default", LocalDateTime.now());
    i.configure(draft(roleOnly(ROLE, true)), null, LocalDateTime.now());
    return i;
  }

  private static void assertRefused(Runnable check) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.field())
                    .isEqualTo(ServerIdentityRule.FIELD));
  }

  @Test
  void aMemberCannotAskForTheServerIdentityAnAdminCan() {
    assertRefused(() -> ServerIdentityRule.check(MEMBER, draft(roleOnly(ROLE, true)), null));
    assertThatCode(() -> ServerIdentityRule.check(ADMIN, draft(roleOnly(ROLE, true)), null))
        .doesNotThrowAnyException();
  }

  @Test
  void aMemberCannotPointAnAllowedServerIdentityAtAnotherRole() {
    Integration stored = allowed();

    // the draft keeps the flag (null), but the role is the member's choice: refused
    assertRefused(
        () ->
            ServerIdentityRule.check(
                MEMBER, draft(roleOnly("arn:aws:iam::123456789012:role/admin", null)), stored));
    assertRefused(
        () ->
            ServerIdentityRule.check(
                MEMBER,
                draft(
                    new AwsSettings(
                        "us-east-1", null, ROLE, "https://sts.evil.example", null, null, null)),
                stored));
    assertThatCode(
            () ->
                ServerIdentityRule.check(
                    ADMIN, draft(roleOnly("arn:aws:iam::123456789012:role/admin", null)), stored))
        .doesNotThrowAnyException();
  }

  @Test
  void aMemberCannotClearTheServerIdentityButMayEditOtherFields() {
    Integration stored = allowed();

    assertRefused(() -> ServerIdentityRule.check(MEMBER, draft(roleOnly(ROLE, false)), stored));
    assertThatCode(() -> ServerIdentityRule.check(MEMBER, draft(roleOnly(ROLE, null)), stored))
        .doesNotThrowAnyException();
    assertThatCode(() -> ServerIdentityRule.check(MEMBER, draft(roleOnly(ROLE, true)), stored))
        .doesNotThrowAnyException();
  }
}
