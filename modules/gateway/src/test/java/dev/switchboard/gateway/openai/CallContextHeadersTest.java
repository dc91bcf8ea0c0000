package dev.switchboard.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.router.CallContext;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallContextHeadersTest {

  private static final ApiKeyCaller KEY = new ApiKeyCaller("k1", "app", "ws-1", null, null);

  @Test
  void withoutHeadersTheContextIsTheKeysWorkspaceAndPrincipal() {
    CallContext c = CallContextHeaders.of(KEY, name -> null);

    assertThat(c).isEqualTo(new CallContext("ws-1", null, "apikey:k1", Map.of()));
  }

  @Test
  void featureCallerAndTagsAreDecodedAndTheCallerIsRecordedAfterTheKey() {
    Map<String, String> headers =
        Map.of(
            "x-switchboard-feature", "query-rephrase",
            "x-switchboard-caller", "Jos%C3%A9%20M%C3%BCller",
            "x-switchboard-tags", "team=search, ticket=A%2CB%3DC");

    CallContext c = CallContextHeaders.of(KEY, headers::get);

    assertThat(c.workspace()).isEqualTo("ws-1");
    assertThat(c.feature()).isEqualTo("query-rephrase");
    assertThat(c.caller()).isEqualTo("apikey:k1/José Müller");
    assertThat(c.tags()).containsOnly(Map.entry("team", "search"), Map.entry("ticket", "A,B=C"));
  }

  @Test
  void malformedOrUnboundedHeadersAreRefusedNamingTheHeader() {
    assertRefused("x-switchboard-tags", "no-equals-sign");
    assertRefused("x-switchboard-tags", "bad name=x");
    assertRefused("x-switchboard-caller", "%E0%A4%A");
    assertRefused("x-switchboard-feature", "x".repeat(CallContextHeaders.MAX_VALUE + 1));
    assertRefused("x-switchboard-caller", "a%0Ab");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= CallContextHeaders.MAX_TAGS; i++) {
      many.append(i == 0 ? "" : ",").append("t").append(i).append("=v");
    }
    assertRefused("x-switchboard-tags", many.toString());
  }

  private static void assertRefused(String header, String value) {
    assertThatThrownBy(() -> CallContextHeaders.of(KEY, Map.of(header, value)::get))
        .isInstanceOfSatisfying(
            OpenAiApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.param()).isEqualTo(header);
            });
  }
}
