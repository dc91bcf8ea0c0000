package dev.switchboard.client.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads Server-Sent Events from a byte stream as they arrive: each {@code read} takes what the
 * connection has, complete lines are decoded (so a UTF-8 character split across two reads is never
 * cut), and each event's {@code data} is handed on at its blank line. Lines end in LF, CRLF or CR;
 * comments and fields other than {@code data} are skipped; several {@code data} lines join with LF,
 * as the SSE specification says.
 */
public final class SseReader {

  /** The longest event accepted; a gateway never sends one near it, a broken stream might. */
  static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private boolean lastWasCr;

  public SseReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads until the stream ends or {@code onData} returns {@code false}.
   *
   * @return {@code true} when {@code onData} asked to stop, {@code false} at the end of the stream
   */
  public boolean read(Predicate<String> onData) throws IOException {
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (b == '\n' && lastWasCr) {
          lastWasCr = false;
          continue;
        }
        lastWasCr = b == '\r';
        if (b == '\n' || b == '\r') {
          if (!line(onData)) {
            return true;
          }
        } else {
          if (line.size() + data.length() >= MAX_EVENT_BYTES) {
            throw new IOException("an SSE event larger than " + MAX_EVENT_BYTES + " bytes");
          }
          line.write(b);
        }
      }
    }
    return false;
  }

  /** One complete line; {@code false} when the consumer wants no more. */
  private boolean line(Predicate<String> onData) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      if (!hasData) {
        return true;
      }
      String event = data.toString();
      data.setLength(0);
      hasData = false;
      return onData.test(event);
    }
    if (text.startsWith("data:")) {
      String value = text.substring(text.length() > 5 && text.charAt(5) == ' ' ? 6 : 5);
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
    return true;
  }
}
