package dev.switchboard.integrations.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.integrations.InvalidRequestException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthProfileRulesTest {

  private static final String KEYTAB =
      Base64.getEncoder().encodeToString(new byte[] {0x05, 0x02, 0, 0, 0, 1});

  private static AuthProfileDraft draft(
      AuthKind kind,
      String header,
      String user,
      String secret,
      String tokenUrl,
      String keytab,
      String realm) {
    return new AuthProfileDraft(
        "p", kind, header, user, secret, tokenUrl, null, null, keytab, realm, null);
  }

  @Test
  void eachKindNeedsItsOwnFields() {
    assertField(draft(AuthKind.API_KEY, null, null, "k", null, null, null), "headerName");
    assertField(draft(AuthKind.API_KEY, "Host", null, "k", null, null, null), "headerName");
    assertField(draft(AuthKind.API_KEY, "X-Key", null, null, null, null, null), "secret");
    assertField(draft(AuthKind.BEARER, null, null, " ", null, null, null), "secret");
    assertField(draft(AuthKind.BASIC, null, "a:b", "pw", null, null, null), "username");
    assertField(
        draft(AuthKind.OAUTH2_CLIENT_CREDENTIALS, null, "client", "s", null, null, null),
        "tokenEndpoint");
    assertField(
        draft(AuthKind.OAUTH2_CLIENT_CREDENTIALS, null, "client", "s", "ftp://x/token", null, null),
        "tokenEndpoint");
    assertField(
        draft(
            AuthKind.OAUTH2_CLIENT_CREDENTIALS,
            null,
            "client",
            "s",
            "https://u:p@x/token",
            null,
            null),
        "tokenEndpoint");
    assertField(
        draft(AuthKind.KERBEROS_SPNEGO, null, "svc", "pw", null, null, "example.com"), "realm");
    assertField(
        draft(AuthKind.KERBEROS_SPNEGO, null, "svc", null, null, null, "EXAMPLE.COM"), "keytab");
    assertField(
        draft(AuthKind.KERBEROS_SPNEGO, null, "svc", null, null, "bm90IGEga2V5dGFi", "EXAMPLE.COM"),
        "keytab");
    assertField(draft(null, null, null, null, null, null, null), "kind");
  }

  @Test
  void validProfilesPassAndSecretsMayBeVariables() {
    assertThatCode(
            () -> {
              AuthProfileRules.check(
                  draft(AuthKind.NONE, null, null, null, null, null, null), true);
              AuthProfileRules.check(
                  draft(AuthKind.API_KEY, "X-API-Key", null, "{{env.KEY}}", null, null, null),
                  true);
              AuthProfileRules.check(
                  draft(
                      AuthKind.OAUTH2_CLIENT_CREDENTIALS,
                      null,
                      "client",
                      "s",
                      "{{env.TOKEN_URL}}",
                      null,
                      null),
                  true);
              AuthProfileRules.check(
                  draft(AuthKind.KERBEROS_SPNEGO, null, "svc", null, null, KEYTAB, "EXAMPLE.COM"),
                  true);
            })
        .doesNotThrowAnyException();
    assertThat(AuthProfileRules.keytab(KEYTAB)).hasSize(6);
  }

  @Test
  void onUpdateTheStoredSecretMayBeKept() {
    assertThatCode(
            () ->
                AuthProfileRules.check(
                    draft(AuthKind.BEARER, null, null, null, null, null, null), false))
        .doesNotThrowAnyException();
  }

  @Test
  void aMalformedVariableIsRefusedNamingTheField() {
    assertField(draft(AuthKind.BEARER, null, null, "{{env.BAD NAME}}", null, null, null), "secret");
  }

  private static void assertField(AuthProfileDraft d, String field) {
    assertThatThrownBy(() -> AuthProfileRules.check(d, true))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
