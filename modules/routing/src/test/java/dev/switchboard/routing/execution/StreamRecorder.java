package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.StreamListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** What the caller of a routed stream received. */
final class StreamRecorder implements StreamListener {

  final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<String> outcome = new CompletableFuture<>();
  final AtomicInteger terminalCalls = new AtomicInteger();
  volatile ProviderException error;
  volatile Usage usage;

  @Override
  public void onEvent(StreamEvent event) {
    events.add(event);
  }

  @Override
  public void onComplete(Usage finalUsage) {
    end(finalUsage, "complete");
  }

  @Override
  public void onError(ProviderException e, Usage usageSoFar) {
    error = e;
    end(usageSoFar, "error");
  }

  @Override
  public void onCancelled(Usage usageSoFar) {
    end(usageSoFar, "cancelled");
  }

  private void end(Usage u, String how) {
    usage = u;
    terminalCalls.incrementAndGet();
    outcome.complete(how);
  }

  String await() throws Exception {
    return outcome.get(30, TimeUnit.SECONDS);
  }

  String text() {
    return events.stream()
        .filter(StreamEvent.TextDelta.class::isInstance)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  long textEvents() {
    return events.stream().filter(StreamEvent.TextDelta.class::isInstance).count();
  }
}
