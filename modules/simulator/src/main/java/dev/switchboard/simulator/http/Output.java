package dev.switchboard.simulator.http;

import java.io.IOException;
import java.io.OutputStream;

/** The buffered socket output of one connection: a flush is one write system call. */
final class Output {

  private final OutputStream socket;
  private final byte[] buf = new byte[8192];
  private int count;

  Output(OutputStream socket) {
    this.socket = socket;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - count) {
      flush();
      if (len >= buf.length) {
        socket.write(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /** Writes text made of ISO-8859-1 characters. */
  void ascii(String s) throws IOException {
    int len = s.length();
    if (len > buf.length - count) {
      flush();
      if (len > buf.length) {
        socket.write(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return;
      }
    }
    for (int i = 0; i < len; i++) {
      buf[count++] = (byte) s.charAt(i);
    }
  }

  void flush() throws IOException {
    if (count > 0) {
      int n = count;
      count = 0;
      socket.write(buf, 0, n);
    }
  }
}
