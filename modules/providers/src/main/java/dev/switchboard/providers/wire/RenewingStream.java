package dev.switchboard.providers.wire;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.providers.auth.RequestAuth;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A stream whose endpoint authenticates with a renewable credential (an OAuth 2.0 token, a Kerberos
 * login): a 401 before any event drops the credential and starts the stream once more with a fresh
 * one, unseen by the listener. Any other outcome, or a second 401, reaches the listener as is.
 */
final class RenewingStream implements StreamListener {

  private final RequestAuth auth;
  private final Function<StreamListener, StreamHandle> starter;
  private final StreamListener listener;
  private final CompletableFuture<Usage> completion = new CompletableFuture<>();
  private volatile StreamHandle current;
  private volatile boolean sawEvent;
  private boolean renewed;

  private RenewingStream(
      RequestAuth auth, Function<StreamListener, StreamHandle> starter, StreamListener listener) {
    this.auth = auth;
    this.starter = starter;
    this.listener = listener;
  }

  /** Starts a stream, renewing the credential once on a 401 when {@code auth} can. */
  static StreamHandle start(
      RequestAuth auth, Function<StreamListener, StreamHandle> starter, StreamListener listener) {
    if (auth == null) {
      return starter.apply(listener);
    }
    RenewingStream stream = new RenewingStream(auth, starter, listener);
    StreamHandle first = starter.apply(stream);
    if (stream.current == null) {
      stream.current = first;
    }
    return new StreamHandle(
        () -> stream.current.cancel(),
        stream.completion,
        () -> stream.current.pause(),
        () -> stream.current.resume());
  }

  @Override
  public void onEvent(StreamEvent event) {
    sawEvent = true;
    listener.onEvent(event);
  }

  @Override
  public void onComplete(Usage usage) {
    try {
      listener.onComplete(usage);
    } finally {
      completion.complete(usage);
    }
  }

  @Override
  public void onError(ProviderException error, Usage usageSoFar) {
    if (shouldRenew(error)) {
      current = starter.apply(this);
      return;
    }
    try {
      listener.onError(error, usageSoFar);
    } finally {
      completion.completeExceptionally(error);
    }
  }

  @Override
  public void onCancelled(Usage usageSoFar) {
    try {
      listener.onCancelled(usageSoFar);
    } finally {
      completion.complete(usageSoFar);
    }
  }

  private synchronized boolean shouldRenew(ProviderException error) {
    if (renewed || sawEvent || error.httpStatus() != 401) {
      return false;
    }
    renewed = true;
    return auth.renewAfterUnauthorized();
  }
}
