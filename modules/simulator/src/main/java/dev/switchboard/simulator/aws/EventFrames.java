package dev.switchboard.simulator.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * AWS event-stream framing ({@code application/vnd.amazon.eventstream}): each message is a prelude
 * (total length, headers length, the prelude's CRC32), string headers, the payload and a CRC32 of
 * everything before it. All integers are big-endian.
 */
public final class EventFrames {

  /** Header value type 7: a string with a two-byte length. */
  private static final byte STRING = 7;

  private EventFrames() {}

  /** An {@code event} message: {@code :event-type}, JSON content type, payload. */
  public static byte[] event(String eventType, byte[] json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", eventType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "event");
    return message(headers, json);
  }

  /** An {@code exception} message, e.g. {@code throttlingException}, mid-stream. */
  public static byte[] exception(String exceptionType, byte[] json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":exception-type", exceptionType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "exception");
    return message(headers, json);
  }

  /** One framed message with string headers. */
  public static byte[] message(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      h.write(name.length);
      h.writeBytes(name);
      h.write(STRING);
      h.write(value.length >>> 8);
      h.write(value.length & 0xFF);
      h.writeBytes(value);
    }
    byte[] headerBytes = h.toByteArray();
    int total = 12 + headerBytes.length + payload.length + 4;
    ByteBuffer frame = ByteBuffer.allocate(total);
    frame.putInt(total).putInt(headerBytes.length);
    frame.putInt((int) crc(frame.array(), 0, 8));
    frame.put(headerBytes).put(payload);
    frame.putInt((int) crc(frame.array(), 0, total - 4));
    return frame.array();
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
