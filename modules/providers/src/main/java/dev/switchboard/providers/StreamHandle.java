package dev.switchboard.providers;

import dev.switchboard.core.usage.Usage;
import java.util.concurrent.CompletableFuture;

/**
 * A running stream: cancel it, or wait for it. The completion completes with the final usage, or
 * exceptionally with the {@code ProviderException} the listener also received; after {@link
 * #cancel()} it completes with the usage known so far.
 */
public final class StreamHandle {

  private static final Runnable NOTHING = () -> {};

  private final Runnable canceller;
  private final CompletableFuture<Usage> completion;
  private final Runnable pauser;
  private final Runnable resumer;

  /**
   * @param canceller closes the upstream call; must be idempotent
   * @param completion completed by the stream's end, failure or cancellation
   */
  public StreamHandle(Runnable canceller, CompletableFuture<Usage> completion) {
    this(canceller, completion, NOTHING, NOTHING);
  }

  /**
   * @param pauser stops reading from the upstream until {@code resumer} runs (backpressure)
   * @param resumer reads again
   */
  public StreamHandle(
      Runnable canceller, CompletableFuture<Usage> completion, Runnable pauser, Runnable resumer) {
    this.canceller = canceller;
    this.completion = completion;
    this.pauser = pauser;
    this.resumer = resumer;
  }

  /**
   * Stops reading from the upstream (its events come no faster than the caller takes them); a no-op
   * for streams that cannot pause. Idempotent.
   */
  public void pause() {
    pauser.run();
  }

  /** Reads from the upstream again after {@link #pause}. */
  public void resume() {
    resumer.run();
  }

  /** Closes the upstream connection; the listener gets {@code onCancelled}. Idempotent. */
  public void cancel() {
    canceller.run();
  }

  public boolean isDone() {
    return completion.isDone();
  }

  /** A view of the stream's outcome; completing or cancelling it does not affect the stream. */
  public CompletableFuture<Usage> completion() {
    return completion.copy();
  }
}
