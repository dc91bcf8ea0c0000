package dev.switchboard.providers.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.providers.Endpoint;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportRecordsTest {

  private static final String KEY = "sk-canary-9d8c7b6a5f4e";

  @Test
  void transportRequestToStringShowsHeaderNamesNotValues() {
    TransportRequest r =
        new TransportRequest(
            "openai",
            "POST",
            URI.create("https://api.example.com/v1/chat/completions"),
            Map.of("Authorization", "Bearer " + KEY),
            new byte[0],
            Endpoint.Timeouts.DEFAULTS,
            1024,
            List.of(KEY),
            e -> null,
            null);

    assertThat(r.toString()).contains("Authorization").doesNotContain(KEY);
  }

  @Test
  void upstreamErrorToStringShowsNeitherBodyNorSecrets() {
    UpstreamError e =
        new UpstreamError(
            "openai",
            401,
            HttpHeaders.of(Map.of(), (a, b) -> true),
            ("{\"error\":{\"message\":\"bad key " + KEY + "\"}}").getBytes(StandardCharsets.UTF_8),
            RetryHints.NONE,
            List.of(KEY));

    assertThat(e.toString()).contains("401").doesNotContain(KEY).doesNotContain("bad key");
  }

  @Test
  void sameOriginNeedsSchemeHostAndPort() {
    URI base = URI.create("http://127.0.0.1:8080/a");
    assertThat(Route.sameOrigin(base, URI.create("http://127.0.0.1:8080/b"))).isTrue();
    assertThat(Route.sameOrigin(base, URI.create("http://localhost:8080/b"))).isFalse();
    assertThat(Route.sameOrigin(base, URI.create("http://127.0.0.1:8081/b"))).isFalse();
    assertThat(Route.sameOrigin(base, URI.create("https://127.0.0.1:8080/b"))).isFalse();
    assertThat(
            Route.sameOrigin(
                URI.create("https://api.example.com/x"),
                URI.create("https://api.example.com:443/y")))
        .isTrue();
  }
}
