package dev.switchboard.core.router;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.usage.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One routed call, as it ended: fired by the router as a CDI event once per call (chat, stream or
 * embeddings), after the reply or the failure reached the caller. Observers must not block: the
 * event is fired on the caller's thread, or on an I/O thread for streams.
 *
 * @param requestId the gateway's id of the call, unique: the ledger's idempotency key
 * @param startedAt when the router received the call
 * @param context who called and for what
 * @param kind chat, stream or embeddings
 * @param integrationId the integration that served (or last tried) the call, or null when none was
 *     tried
 * @param provider that integration's provider id, or null
 * @param model the model id sent upstream, or the requested name when none was tried
 * @param usage tokens as known, with their source ({@code INCOMPLETE} for a broken stream)
 * @param latency from receipt to the last byte or the failure
 * @param timeToFirstToken for streams, until the first event; null otherwise
 * @param attempts upstream attempts, retries and fallbacks included (0 for a cache hit)
 * @param error the failure's category, or null when the call succeeded
 * @param cached whether the reply came from the response cache
 */
public record CallRecord(
    String requestId,
    Instant startedAt,
    CallContext context,
    Kind kind,
    String integrationId,
    String provider,
    String model,
    Usage usage,
    Duration latency,
    Duration timeToFirstToken,
    int attempts,
    ErrorCategory error,
    boolean cached) {

  /** What kind of call. */
  public enum Kind {
    CHAT,
    STREAM,
    EMBEDDINGS
  }

  public CallRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
  }

  public boolean succeeded() {
    return error == null;
  }
}
