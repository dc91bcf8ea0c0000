package dev.switchboard.routing.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

  private final ResponseCache cache = new ResponseCache();

  @Test
  void theKeyIgnoresTheModelNameAndEndUserButNotTheContentOrWorkspace() {
    ChatRequest a = ChatRequest.builder("x").user("hello").endUser("u1").build();
    ChatRequest b = ChatRequest.builder("y").user("hello").endUser("u2").build();
    ChatRequest c = ChatRequest.builder("x").user("hello!").build();

    assertThat(ResponseCache.key("w", "f", a)).isEqualTo(ResponseCache.key("w", "f", b));
    assertThat(ResponseCache.key("w", "f", a)).isNotEqualTo(ResponseCache.key("w", "f", c));
    assertThat(ResponseCache.key("w", "f", a)).isNotEqualTo(ResponseCache.key("v", "f", a));
    assertThat(ResponseCache.key("w", "f", a)).isNotEqualTo(ResponseCache.key("w", "g", a));
  }

  @Test
  void entriesAreBoundedLeastRecentlyUsedFirstAndCounted() {
    cache.put("f", "k1", reply("1"), 60, 2);
    cache.put("f", "k2", reply("2"), 60, 2);
    assertThat(cache.get("f", "k1")).isPresent(); // k1 now most recently used
    cache.put("f", "k3", reply("3"), 60, 2);

    assertThat(cache.get("f", "k2")).isEmpty();
    assertThat(cache.get("f", "k1")).isPresent();
    assertThat(cache.get("f", "k3")).isPresent();
    assertThat(cache.entries("f")).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void anExpiredEntryIsAMiss() throws InterruptedException {
    cache.put("f", "k", reply("1"), 0, 10);
    Thread.sleep(2);
    assertThat(cache.get("f", "k")).isEmpty();
  }

  @Test
  void clearingEmptiesOneFeatureOnly() {
    cache.put("f", "k", reply("1"), 60, 10);
    cache.put("g", "k", reply("1"), 60, 10);

    assertThat(cache.clear("f")).isEqualTo(1);
    assertThat(cache.get("f", "k")).isEmpty();
    assertThat(cache.get("g", "k")).isPresent();
  }

  private static RoutedChat reply(String text) {
    return new RoutedChat(
        new ChatResponse(
            Message.assistant(text),
            FinishReason.STOP,
            "m",
            null,
            Usage.of(1, 1, UsageSource.REPORTED)),
        "openai",
        "m",
        1,
        "req_1");
  }
}
