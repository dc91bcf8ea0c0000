package dev.switchboard.integrations.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.integrations.InvalidRequestException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A stored secret is not sent to a new server, or used as another identity's, without asking. */
class AuthProfileSecretAgainTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 7, 12, 0);

  private static AuthProfileDraft kerberos(String principal, String realm, String kdc) {
    return new AuthProfileDraft(
        "k", AuthKind.KERBEROS_SPNEGO, null, principal, null, null, null, null, null, realm, kdc);
  }

  private static AuthProfileDraft oauth(String client, String tokenUrl, String secret) {
    return new AuthProfileDraft(
        "o",
        AuthKind.OAUTH2_CLIENT_CREDENTIALS,
        null,
        client,
        secret,
        tokenUrl,
        null,
        null,
        null,
        null,
        null);
  }

  private static AuthProfileDraft basic(String user, String secret) {
    return new AuthProfileDraft(
        "b", AuthKind.BASIC, null, user, secret, null, null, null, null, null, null);
  }

  private static AuthProfile stored(AuthProfileDraft d, String sealedSecret, String sealedKeytab) {
    AuthProfile p = new AuthProfile("id-1", "alice", "ws", NOW);
    p.configure(d, sealedSecret, sealedKeytab, NOW);
    return p;
  }

  @Test
  void changingTheKdcRealmOrPrincipalOfAKerberosProfileNeedsItsKeytabAgain() {
    AuthProfile p = stored(kerberos("svc", "EXAMPLE.COM", "kdc.example.com:88"), null, "sealed-kt");

    assertRefused(p, kerberos("svc", "EXAMPLE.COM", "kdc.evil.example:88"), "keytab", "the KDC");
    assertRefused(p, kerberos("svc", "EVIL.COM", "kdc.example.com:88"), "keytab", "the realm");
    assertRefused(p, kerberos("admin", "EXAMPLE.COM", "kdc.example.com:88"), "keytab", "principal");
    assertRefused(p, kerberos("svc", "EXAMPLE.COM", null), "keytab", "the KDC");
    assertThatCode(
            () ->
                AuthProfileRules.secretAgain(
                    p, kerberos(" svc ", "EXAMPLE.COM", "kdc.example.com:88")))
        .doesNotThrowAnyException();
  }

  @Test
  void aKerberosPasswordProfileNamesTheSecretAndTakesANewPasswordOrKeytab() {
    AuthProfile p = stored(kerberos("svc", "EXAMPLE.COM", "kdc.example.com"), "sealed-pw", null);
    AuthProfileDraft moved = kerberos("svc", "EXAMPLE.COM", "kdc2.example.com");

    assertRefused(p, moved, "secret", "the KDC");
    AuthProfileDraft withPassword =
        new AuthProfileDraft(
            "k",
            AuthKind.KERBEROS_SPNEGO,
            null,
            "svc",
            "new-pw",
            null,
            null,
            null,
            null,
            "EXAMPLE.COM",
            "kdc2.example.com");
    assertThatCode(() -> AuthProfileRules.secretAgain(p, withPassword)).doesNotThrowAnyException();
  }

  @Test
  void aNewKerberosCredentialReplacesTheOtherKind() {
    AuthProfile p = stored(kerberos("svc", "EXAMPLE.COM", "kdc.example.com"), null, "sealed-kt");

    p.configure(kerberos("svc", "EXAMPLE.COM", "kdc.example.com"), "sealed-pw", null, NOW);
    assertThat(p.keytabSealed).as("a keytab kept beside the new password would win").isNull();
    assertThat(p.secretSealed).isEqualTo("sealed-pw");

    p.configure(kerberos("svc", "EXAMPLE.COM", "kdc.example.com"), null, "sealed-kt2", NOW);
    assertThat(p.secretSealed).isNull();
    assertThat(p.keytabSealed).isEqualTo("sealed-kt2");
  }

  @Test
  void changingTheTokenEndpointOrClientIdNeedsTheClientSecretAgain() {
    AuthProfile p = stored(oauth("client-1", "https://idp.example.com/token", "s"), "sealed", null);

    assertRefused(p, oauth("client-1", "https://idp.evil.example/token", null), "secret", "token");
    assertRefused(
        p, oauth("client-2", "https://idp.example.com/token", null), "secret", "client id");
    assertThatCode(
            () ->
                AuthProfileRules.secretAgain(
                    p, oauth("client-2", "https://idp.example.com/token", "s2")))
        .doesNotThrowAnyException();
  }

  @Test
  void changingTheBasicUserNeedsThePasswordAgain() {
    AuthProfile p = stored(basic("alice", "pw"), "sealed", null);

    assertRefused(p, basic("mallory", null), "secret", "the user");
    assertThatCode(() -> AuthProfileRules.secretAgain(p, basic("alice", null)))
        .doesNotThrowAnyException();
  }

  private static void assertRefused(AuthProfile p, AuthProfileDraft d, String field, String what) {
    assertThatThrownBy(() -> AuthProfileRules.secretAgain(p, d))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(what).contains("again");
            });
  }
}
