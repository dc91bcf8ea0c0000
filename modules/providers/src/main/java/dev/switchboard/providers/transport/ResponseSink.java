package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ProviderException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Receives one exchange's successful response as it arrives. The transport calls it from one thread
 * at a time, in order: {@link #onResponse}, any number of {@link #onBytes}, then {@link
 * #onComplete}; or {@link #onFailure} at any point, after which nothing else.
 */
public interface ResponseSink {

  /** A 2xx status and its headers, before any body byte. */
  void onResponse(int status, HttpHeaders headers);

  /** The next body bytes, exactly as received (a UTF-8 character may be split). */
  void onBytes(ByteBuffer bytes);

  /** The body ended normally. */
  void onComplete();

  /** The exchange failed: connection, timeout, size cap, redirect, or an error status. */
  void onFailure(ProviderException error);
}
