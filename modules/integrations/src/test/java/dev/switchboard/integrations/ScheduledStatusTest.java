package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14 item 11: a scheduled test's failure warns; only repeated hard failures remove. */
class ScheduledStatusTest {

  private final List<ConnectionTestView> history = new ArrayList<>();
  private IntegrationStatus status = IntegrationStatus.ACTIVE;

  @Test
  void oneFailureEvenA429OnlyWarnsAndTheIntegrationStaysRouted() {
    assertThat(run("RATE_LIMITED")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("TIMEOUT")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("UNAVAILABLE")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run(null)).isEqualTo(IntegrationStatus.ACTIVE);
  }

  @Test
  void threeConsecutiveHardFailuresMakeError() {
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("PERMISSION")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("MODEL_NOT_FOUND")).isEqualTo(IntegrationStatus.ERROR);
    // it stays out of routing until a test passes, whatever the next failure
    assertThat(run("RATE_LIMITED")).isEqualTo(IntegrationStatus.ERROR);
    assertThat(run(null)).isEqualTo(IntegrationStatus.ACTIVE);
  }

  @Test
  void aSoftFailureBetweenHardOnesRestartsTheCount() {
    run("AUTHENTICATION");
    run("AUTHENTICATION");
    run("RATE_LIMITED");
    run("AUTHENTICATION");
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.ERROR);
  }

  @Test
  void theNumberOfHardFailuresIsASetting() {
    assertThat(ScheduledStatus.next(IntegrationStatus.ACTIVE, List.of(test("AUTHENTICATION")), 1))
        .isEqualTo(IntegrationStatus.ERROR);
  }

  /** One scheduled test failing with {@code category} (null: passing), hard limit 3. */
  private IntegrationStatus run(String category) {
    history.add(0, test(category));
    status = ScheduledStatus.next(status, history, 3);
    return status;
  }

  private static ConnectionTestView test(String category) {
    boolean ok = category == null;
    return new ConnectionTestView(
        Instant.now(), "system", ok, true, ok, ok, "gpt-4o-mini", null, 5, category, "msg");
  }
}
