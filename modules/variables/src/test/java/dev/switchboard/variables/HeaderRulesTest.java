package dev.switchboard.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

  private static final String SECRET = "sk-CANARY-987654";

  @Test
  void ordinaryHeadersPass() {
    assertThatCode(
            () -> {
              HeaderRules.check("Authorization", "Bearer " + SECRET);
              HeaderRules.check("x-api-key", SECRET);
              HeaderRules.check("anthropic-version", "2023-06-01");
              HeaderRules.check("X-Custom_Header.v2", "a\tb with spaces");
              HeaderRules.check("X-Empty", "");
            })
        .doesNotThrowAnyException();
  }

  @Test
  void valuesWithCarriageReturnLineFeedOrNulAreRefused() {
    Map<String, String> injected =
        Map.of(
            "CR", SECRET + "\rX-Evil: 1",
            "LF", SECRET + "\nHost: evil.example",
            "NUL", SECRET + "\0");
    injected.forEach(
        (what, value) ->
            assertThatThrownBy(() -> HeaderRules.check("Authorization", value))
                .isInstanceOf(HeaderRuleException.class)
                .hasMessageContaining("'Authorization'")
                .hasMessageContaining("(" + what + ")")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("evil"));
  }

  @Test
  void otherControlCharactersAreRefusedButTabIsAllowed() {
    assertThatThrownBy(() -> HeaderRules.checkValue("X-A", "a\u0007b"))
        .hasMessageContaining("U+0007");
    assertThatThrownBy(() -> HeaderRules.checkValue("X-A", "a\u007fb"))
        .hasMessageContaining("U+007F");
    assertThatCode(() -> HeaderRules.checkValue("X-A", "a\tb")).doesNotThrowAnyException();
  }

  @Test
  void missingValueIsRefused() {
    assertThatThrownBy(() -> HeaderRules.checkValue("X-A", null))
        .isInstanceOf(HeaderRuleException.class)
        .hasMessageContaining("has no value");
  }

  @Test
  void hopByHopAndFramingHeadersCannotBeConfiguredInAnyCase() {
    for (String name :
        new String[] {
          "Host",
          "content-length",
          "Transfer-Encoding",
          "CONNECTION",
          "Keep-Alive",
          "Proxy-Authenticate",
          "Proxy-Authorization",
          "TE",
          "Trailer",
          "Upgrade",
          "Expect"
        }) {
      assertThatThrownBy(() -> HeaderRules.check(name, "x"))
          .as(name)
          .isInstanceOf(HeaderRuleException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("cannot be set through configuration");
      assertThat(HeaderRules.isForbidden(name)).isTrue();
    }
  }

  @Test
  void namesMustBeTokens() {
    for (String name : new String[] {"", "X Header", "X:Header", "X-Ä", "(x)", "X\"y", "a/b"}) {
      assertThat(HeaderRules.isToken(name)).as(name).isFalse();
      assertThatThrownBy(() -> HeaderRules.checkName(name))
          .as(name)
          .isInstanceOf(HeaderRuleException.class)
          .hasMessageContaining("not a valid HTTP token");
    }
    assertThat(HeaderRules.isToken("!#$%&'*+-.^_`|~09azAZ")).isTrue();
    assertThatThrownBy(() -> HeaderRules.checkName(null)).isInstanceOf(HeaderRuleException.class);
  }

  @Test
  void injectionThroughTheNameIsRefusedAndOnlyTheValidPrefixIsShown() {
    HeaderRuleException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            HeaderRuleException.class,
            () -> HeaderRules.checkName("X-Foo\r\nAuthorization: Bearer " + SECRET));

    assertThat(e.getMessage())
        .contains("'X-Foo'", "position 5")
        .doesNotContain(SECRET)
        .doesNotContain("\r")
        .doesNotContain("\n");
    assertThat(e.header()).startsWith("'X-Foo'");
  }

  @Test
  void valueErrorsForABadNameShowOnlyItsValidPrefix() {
    assertThatThrownBy(() -> HeaderRules.checkValue("Authorization: " + SECRET, "a\nb"))
        .hasMessageContaining("'Authorization'")
        .hasMessageNotContaining(SECRET);
  }
}
