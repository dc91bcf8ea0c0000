package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

  @Test
  void theTwoKeysSufficeAndTheTimeoutsHaveDefaults() {
    ClientSettings s =
        ClientSettings.from(
            config(
                Map.of(
                    "switchboard.client.url", "https://gw.example.com",
                    "switchboard.client.api-key", "sb-secret")));

    assertThat(s.url()).hasToString("https://gw.example.com");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.toString()).doesNotContain("sb-secret");
  }

  @Test
  void timeoutsAreConfigurable() {
    ClientSettings s =
        ClientSettings.from(
            config(
                Map.of(
                    "switchboard.client.url", "http://localhost:9080",
                    "switchboard.client.api-key", "sb-x",
                    "switchboard.client.connect-timeout-ms", "250",
                    "switchboard.client.read-timeout-ms", "30000")));

    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aMissingKeyOrABadUrlIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> ClientSettings.from(config(Map.of("switchboard.client.url", "http://x"))))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("switchboard.client.api-key");
    assertThatThrownBy(() -> ClientSettings.of("ftp://x", "sb-x"))
        .hasMessageContaining("switchboard.client.url");
    assertThatThrownBy(
            () ->
                ClientSettings.from(
                    config(
                        Map.of(
                            "switchboard.client.url", "http://x",
                            "switchboard.client.api-key", "sb-x",
                            "switchboard.client.read-timeout-ms", "0"))))
        .hasMessageContaining("switchboard.client.read-timeout-ms");
  }

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 100))
        .build();
  }
}
