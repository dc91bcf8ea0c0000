package dev.switchboard.simulator.wire;

import dev.switchboard.simulator.ReceivedRequest;
import java.util.ArrayDeque;
import java.util.List;

/** The last {@link #CAPACITY} requests received, oldest first; older ones are dropped. */
public final class RequestLog {

  /** Requests kept. */
  public static final int CAPACITY = 256;

  private final ArrayDeque<ReceivedRequest> requests = new ArrayDeque<>(CAPACITY);

  synchronized void add(ReceivedRequest request) {
    if (requests.size() == CAPACITY) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  public synchronized List<ReceivedRequest> snapshot() {
    return List.copyOf(requests);
  }

  public synchronized void clear() {
    requests.clear();
  }
}
