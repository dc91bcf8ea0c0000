package dev.switchboard.usage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The journal's framing: each record is {@code RS <length> ':' <crc32> ':' <payload> LF} (RS is the
 * ASCII record separator, 0x1E, as in RFC 7464's JSON text sequences; length in bytes, CRC-32 of
 * the payload in 8 hex digits). A torn tail or a damaged record is detected, never decoded as
 * something else, and the reader picks up again at the next frame, so nothing valid after a damaged
 * record is skipped. Segments written before framing (one bare line per record) are still read.
 */
final class JournalFrames {

  static final byte RS = 0x1E;

  private JournalFrames() {}

  /** What a segment holds: its whole records, and how many were damaged or torn. */
  record Contents(List<byte[]> records, int corrupt, boolean tornTail) {}

  static byte[] frame(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    byte[] head =
        (Integer.toString(payload.length) + ":" + String.format("%08x", crc.getValue()) + ":")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[1 + head.length + payload.length + 1];
    out[0] = RS;
    System.arraycopy(head, 0, out, 1, head.length);
    System.arraycopy(payload, 0, out, 1 + head.length, payload.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * Splits a segment into record payloads. A frame whose length, checksum or terminator does not
   * hold is counted as corrupt and reading resumes at the next record separator; a last frame cut
   * short by the end of the file is a torn tail (a write the crash interrupted: never
   * acknowledged). Bytes before the first separator are records of the old unframed format, one a
   * line.
   */
  static Contents split(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    int corrupt = 0;
    boolean torn = false;
    int pos = 0;
    while (pos < data.length) {
      if (data[pos] != RS) {
        int nl = indexOf(data, (byte) '\n', pos);
        int rs = indexOf(data, RS, pos);
        if (nl < 0 || (rs >= 0 && rs < nl)) {
          // an unframed line with no end: the old format's torn tail, or damage before a frame
          if (rs < 0) {
            torn = true;
            break;
          }
          corrupt++;
          pos = rs;
          continue;
        }
        if (nl > pos) {
          out.add(java.util.Arrays.copyOfRange(data, pos, nl));
        }
        pos = nl + 1;
        continue;
      }
      int end = frameEnd(data, pos);
      if (end > 0) {
        int headEnd = indexOf(data, (byte) ':', indexOf(data, (byte) ':', pos) + 1) + 1;
        out.add(java.util.Arrays.copyOfRange(data, headEnd, end - 1));
        pos = end;
        continue;
      }
      int next = indexOf(data, RS, pos + 1);
      if (next < 0 && end == TRUNCATED) {
        torn = true;
        break;
      }
      corrupt++;
      pos = next < 0 ? data.length : next;
    }
    return new Contents(out, corrupt, torn);
  }

  private static final int TRUNCATED = -1;
  private static final int DAMAGED = -2;

  /**
   * The end (exclusive, after the LF) of a sound frame starting at {@code start}; {@link
   * #TRUNCATED} when the file ends inside it, {@link #DAMAGED} when it does not hold.
   */
  private static int frameEnd(byte[] data, int start) {
    int p = start + 1;
    long length = 0;
    int digits = 0;
    while (p < data.length && data[p] >= '0' && data[p] <= '9' && digits < 10) {
      length = length * 10 + (data[p] - '0');
      p++;
      digits++;
    }
    if (p >= data.length) {
      return TRUNCATED;
    }
    if (digits == 0 || data[p] != ':') {
      return DAMAGED;
    }
    p++;
    long crc = 0;
    for (int i = 0; i < 8; i++, p++) {
      if (p >= data.length) {
        return TRUNCATED;
      }
      int h = Character.digit(data[p], 16);
      if (h < 0) {
        return DAMAGED;
      }
      crc = (crc << 4) | h;
    }
    if (p >= data.length) {
      return TRUNCATED;
    }
    if (data[p] != ':') {
      return DAMAGED;
    }
    p++;
    long end = p + length + 1;
    if (end > data.length) {
      return TRUNCATED;
    }
    if (data[(int) end - 1] != '\n') {
      return DAMAGED;
    }
    CRC32 check = new CRC32();
    check.update(data, p, (int) length);
    return check.getValue() == crc ? (int) end : DAMAGED;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = Math.max(0, from); i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
