package dev.switchboard.routing;

import dev.switchboard.routing.deadline.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait instead of waiting, and moves a manual clock by it when given one. */
public final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final ManualClock clock;

  public RecordingSleeper(ManualClock clock) {
    this.clock = clock;
  }

  public RecordingSleeper() {
    this(null);
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (clock != null) {
      clock.advance(duration);
    }
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
