package dev.switchboard.simulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.simulator.http.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A streamed response: each frame (an SSE event, an NDJSON line) is written and flushed as it is
 * produced, so it reaches the client as its own HTTP chunk. The token loop applies the stream
 * faults: {@code stream-error-after}, {@code reset-after}, {@code drip} and {@code split-utf8}.
 */
public final class EventStream {

  private static final long SPLIT_PAUSE_MS = 5;

  /**
   * Between the last bytes and a simulated reset: a reset discards what the client has not yet
   * taken in, and some clients (java.net.http) fail the whole exchange, head included, when it
   * arrives before they have parsed the head. The reset should come mid-body, as promised.
   */
  static final long RESET_GRACE_MS = 50;

  private final Exchange exchange;
  private final OutputStream out;
  private final FaultSpec fault;
  private final long tokenDelayMs;

  EventStream(Exchange exchange, OutputStream out, FaultSpec fault, long tokenDelayMs) {
    this.exchange = exchange;
    this.out = out;
    this.fault = fault;
    this.tokenDelayMs = tokenDelayMs;
  }

  /** Writes one SSE event with an optional {@code event:} name and JSON data. */
  public void sse(String event, JsonNode data) throws IOException {
    String head = event == null ? "data: " : "event: " + event + "\ndata: ";
    write(Reply.utf8(head + Json.string(data) + "\n\n"));
  }

  /** Writes one SSE data line with raw text, e.g. {@code [DONE]}. */
  public void sseRaw(String data) throws IOException {
    write(Reply.utf8("data: " + data + "\n\n"));
  }

  /** Writes one NDJSON line. */
  public void line(JsonNode data) throws IOException {
    write(Reply.utf8(Json.string(data) + "\n"));
  }

  /** Writes and flushes one frame, after the drip interval when the fault asks for one. */
  public void write(byte[] frame) throws IOException {
    Pause.sleep(fault.number("drip", 0));
    if (fault.has("split-utf8")) {
      writeSplit(out, frame);
    } else {
      out.write(frame);
      out.flush();
    }
  }

  /**
   * Emits {@code n} token frames with the configured delay between them, applying the stream
   * faults: {@code stream-error-after=k} writes {@code error} instead of token k and {@code
   * reset-after=k} drops the connection instead of token k.
   *
   * @return true when all tokens were sent and the family should write its closing frames
   */
  public boolean tokens(int n, IntFunction<byte[]> frame, Supplier<byte[]> error)
      throws IOException {
    long errorAfter = fault.number("stream-error-after", -1);
    long resetAfter = fault.number("reset-after", -1);
    for (int i = 0; ; i++) {
      boolean failsHere = i == errorAfter || i == resetAfter;
      if (i >= n && !failsHere) {
        break;
      }
      if (i > 0) {
        Pause.sleep(tokenDelayMs); // a failure comes when the next token would have
      }
      if (i == errorAfter) {
        write(error.get());
        return false;
      }
      if (i == resetAfter) {
        reset();
      }
      write(frame.apply(i));
    }
    return true;
  }

  /** Drops the connection without the terminating chunk; unwinds the family's code. */
  public void reset() throws IOException {
    out.flush();
    Pause.sleep(RESET_GRACE_MS);
    throw new ConnectionReset();
  }

  /** Finishes the stream cleanly (terminating chunk). */
  public void close() throws IOException {
    exchange.end();
  }

  /**
   * Writes {@code bytes} in two flushes split inside the first multi-byte UTF-8 character, so the
   * client receives the character's bytes in two chunks.
   */
  static void writeSplit(OutputStream out, byte[] bytes) throws IOException {
    int lead = -1;
    for (int i = 0; i < bytes.length; i++) {
      if ((bytes[i] & 0xC0) == 0xC0) {
        lead = i;
        break;
      }
    }
    if (lead < 0) {
      out.write(bytes);
      out.flush();
      return;
    }
    out.write(bytes, 0, lead + 1);
    out.flush();
    Pause.sleep(SPLIT_PAUSE_MS);
    out.write(bytes, lead + 1, bytes.length - lead - 1);
    out.flush();
  }
}
