package dev.switchboard.client;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.usage.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a stream delivers, with when each event arrived. */
final class RecordingListener implements ChatStreamListener {

  private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicInteger endings = new AtomicInteger();
  private volatile Usage completed;
  private volatile ProviderException error;
  private volatile boolean cancelled;

  @Override
  public void onEvent(StreamEvent event) {
    arrivals.add(System.nanoTime());
    events.add(event);
  }

  @Override
  public void onComplete(Usage usage) {
    completed = usage;
    endings.incrementAndGet();
  }

  @Override
  public void onError(ProviderException e, Usage usageSoFar) {
    error = e;
    endings.incrementAndGet();
  }

  @Override
  public void onCancelled(Usage usageSoFar) {
    cancelled = true;
    endings.incrementAndGet();
  }

  boolean ended() {
    return endings.get() > 0;
  }

  int endings() {
    return endings.get();
  }

  List<StreamEvent> events() {
    return List.copyOf(events);
  }

  String text() {
    StringBuilder b = new StringBuilder();
    events.stream()
        .filter(StreamEvent.TextDelta.class::isInstance)
        .forEach(e -> b.append(((StreamEvent.TextDelta) e).text()));
    return b.toString();
  }

  /** Milliseconds from {@code startNanos} to each text delta. */
  List<Long> textArrivalsMs(long startNanos) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof StreamEvent.TextDelta) {
        out.add((arrivals.get(i) - startNanos) / 1_000_000);
      }
    }
    return out;
  }

  Usage completed() {
    return completed;
  }

  ProviderException error() {
    return error;
  }

  boolean cancelled() {
    return cancelled;
  }
}
