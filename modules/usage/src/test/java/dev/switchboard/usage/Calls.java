package dev.switchboard.usage;

import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Call records and settings for the tests. */
final class Calls {

  private Calls() {}

  static CallRecord call(String integrationId, long tokens, Instant at) {
    return call(
        integrationId,
        "gpt-4o-mini",
        Usage.of(tokens / 2, tokens - tokens / 2, UsageSource.REPORTED),
        at,
        40);
  }

  static CallRecord call(
      String integrationId, String model, Usage usage, Instant at, long latencyMillis) {
    return new CallRecord(
        "req_" + UUID.randomUUID().toString().replace("-", ""),
        at,
        new CallContext("team-a", "search", "alice", null),
        CallRecord.Kind.CHAT,
        integrationId,
        "openai",
        model,
        usage,
        Duration.ofMillis(latencyMillis),
        null,
        1,
        null,
        false);
  }

  static UsageSettings settings(Path journal, String server, int smtpPort) {
    return new UsageSettings(
        journal,
        true,
        Duration.ofMillis(100),
        Duration.ofMillis(50),
        500,
        2,
        Duration.ofMillis(200),
        server,
        "http://localhost:9080/console",
        new MailSettings(
            "127.0.0.1", smtpPort, "switchboard@example.test", null, null, false, 5000),
        5);
  }

  static Clock fixed(Instant t) {
    return new TestClock(t);
  }
}
