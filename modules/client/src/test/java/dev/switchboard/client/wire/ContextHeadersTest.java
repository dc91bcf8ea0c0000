package dev.switchboard.client.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.router.CallContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextHeadersTest {

  @Test
  void featureCallerAndTagsArePercentEncodedUtf8AndTheWorkspaceIsNotSent() {
    CallContext context =
        new CallContext(
            "ignored-ws",
            "query-rephrase",
            "José Müller",
            Map.of("team", "search", "ticket", "A,B=C"));

    assertThat(ContextHeaders.of(context))
        .containsExactly(
            Map.entry("x-switchboard-caller", "Jos%C3%A9%20M%C3%BCller"),
            Map.entry("x-switchboard-feature", "query-rephrase"),
            Map.entry("x-switchboard-tags", "team=search,ticket=A%2CB%3DC"));
  }

  @Test
  void anEmptyContextSendsNoHeaders() {
    assertThat(ContextHeaders.of(CallContext.of("ws", null))).isEmpty();
  }
}
