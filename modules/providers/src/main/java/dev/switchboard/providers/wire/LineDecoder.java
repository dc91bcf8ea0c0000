package dev.switchboard.providers.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines ({@code \n}, {@code \r\n} or {@code \r}) and decodes each whole
 * line as UTF-8. Decoding per line, never per packet, is what keeps a multi-byte character split
 * across two packets intact. A line longer than the limit is a protocol error, so a peer cannot
 * make it buffer without bound.
 */
public final class LineDecoder {

  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final Consumer<String> lines;
  private final int maxLineBytes;
  private boolean afterCr;

  public LineDecoder(int maxLineBytes, Consumer<String> lines) {
    this.maxLineBytes = maxLineBytes;
    this.lines = lines;
  }

  /** Feeds the next bytes; complete lines go to the consumer. */
  public void feed(ByteBuffer bytes) {
    while (bytes.hasRemaining()) {
      byte b = bytes.get();
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        afterCr = b == '\r';
        emit();
      } else {
        if (line.size() >= maxLineBytes) {
          throw new WireFormatException("a line exceeds " + maxLineBytes + " bytes");
        }
        line.write(b);
      }
    }
  }

  /** The end of the stream: a last line without a terminator still counts. */
  public void finish() {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    lines.accept(text);
  }
}
