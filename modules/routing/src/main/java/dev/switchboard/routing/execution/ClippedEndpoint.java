package dev.switchboard.routing.execution;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.routing.deadline.Deadline;
import java.time.Duration;

/** An endpoint whose connect, idle and total timeouts end no later than the call's deadline. */
final class ClippedEndpoint {

  private ClippedEndpoint() {}

  static Endpoint of(Endpoint e, Deadline deadline) {
    Duration left = deadline.remaining();
    if (left.toMillis() < 1) {
      left = Duration.ofMillis(1);
    }
    Endpoint.Timeouts t = e.timeouts();
    Endpoint.Timeouts clipped =
        new Endpoint.Timeouts(min(t.connect(), left), min(t.idle(), left), min(t.total(), left));
    return e.withTimeouts(clipped);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
