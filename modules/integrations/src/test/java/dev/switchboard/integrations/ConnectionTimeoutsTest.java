package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.providers.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An integration's calls: the idle timeout is its own setting, never the whole request timeout. */
class ConnectionTimeoutsTest {

  @Test
  void theIdleTimeoutIsSeparateFromALongerRequestTimeout() {
    Endpoint.Timeouts t = ConnectionTests.timeouts(Duration.ofSeconds(300), 30);

    assertThat(t.idle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.total()).isEqualTo(Duration.ofSeconds(300));
    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void neitherTheIdleNorTheConnectTimeoutExceedsAShorterRequestTimeout() {
    Endpoint.Timeouts t = ConnectionTests.timeouts(Duration.ofSeconds(5), 30);

    assertThat(t.idle()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.total()).isEqualTo(Duration.ofSeconds(5));
  }
}
