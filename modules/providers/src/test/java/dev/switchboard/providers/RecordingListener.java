package dev.switchboard.providers;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Records what a stream delivered and when. */
class RecordingListener implements StreamListener {

  /** An event and the {@link System#nanoTime()} it arrived at. */
  record Timed(StreamEvent event, long nanos) {}

  final List<Timed> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<String> outcome = new CompletableFuture<>();
  volatile Usage usage;
  volatile ProviderException error;
  volatile long endNanos;
  volatile int terminalCalls;

  @Override
  public void onEvent(StreamEvent event) {
    events.add(new Timed(event, System.nanoTime()));
  }

  @Override
  public void onComplete(Usage finalUsage) {
    end(finalUsage, "complete");
  }

  @Override
  public void onError(ProviderException e, Usage usageSoFar) {
    this.error = e;
    end(usageSoFar, "error");
  }

  @Override
  public void onCancelled(Usage usageSoFar) {
    end(usageSoFar, "cancelled");
  }

  private void end(Usage u, String how) {
    this.usage = u;
    this.endNanos = System.nanoTime();
    terminalCalls++;
    outcome.complete(how);
  }

  /** Waits for the end and says how it ended. */
  String await() throws Exception {
    return outcome.get(30, TimeUnit.SECONDS);
  }

  String text() {
    return events.stream()
        .map(Timed::event)
        .filter(StreamEvent.TextDelta.class::isInstance)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  List<StreamEvent.ToolCallDelta> toolDeltas() {
    return events.stream()
        .map(Timed::event)
        .filter(StreamEvent.ToolCallDelta.class::isInstance)
        .map(StreamEvent.ToolCallDelta.class::cast)
        .toList();
  }

  String toolArguments(int index) {
    return toolDeltas().stream()
        .filter(d -> d.index() == index)
        .map(StreamEvent.ToolCallDelta::argumentsFragment)
        .collect(Collectors.joining());
  }

  long firstTextNanos() {
    return events.stream()
        .filter(t -> t.event() instanceof StreamEvent.TextDelta)
        .mapToLong(Timed::nanos)
        .findFirst()
        .orElseThrow();
  }

  List<StreamEvent> of(Class<? extends StreamEvent> type) {
    return events.stream().map(Timed::event).filter(type::isInstance).toList();
  }
}
