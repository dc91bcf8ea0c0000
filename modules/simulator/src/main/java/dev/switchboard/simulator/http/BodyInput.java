package dev.switchboard.simulator.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A request body: {@code Content-Length} bytes, or a {@code Transfer-Encoding: chunked} body. */
final class BodyInput extends InputStream {

  private final RequestReader reader;
  private final boolean chunked;
  private long remaining; // of the body (fixed) or of the current chunk (chunked)
  private boolean started;
  private boolean done;

  private BodyInput(RequestReader reader, boolean chunked, long length) {
    this.reader = reader;
    this.chunked = chunked;
    this.remaining = length;
    this.done = !chunked && length == 0;
  }

  static BodyInput of(Request request, RequestReader reader) {
    String encoding = request.headers().first("Transfer-Encoding");
    if (encoding != null) {
      String[] codings = encoding.split(",");
      if (!codings[codings.length - 1].trim().equalsIgnoreCase("chunked")) {
        throw new BadMessage(400, "unsupported transfer coding " + encoding);
      }
      return new BodyInput(reader, true, 0);
    }
    String length = request.headers().first("Content-Length");
    if (length == null) {
      return new BodyInput(reader, false, 0);
    }
    try {
      long n = Long.parseLong(length.trim());
      if (n < 0 || !Character.isDigit(length.trim().charAt(0))) {
        throw new NumberFormatException();
      }
      return new BodyInput(reader, false, n);
    } catch (NumberFormatException e) {
      throw new BadMessage(400, "malformed Content-Length");
    }
  }

  /** Whether the client sends (or may send) body bytes. */
  boolean expected() {
    return !done;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (remaining == 0 && !nextChunk()) {
      return -1;
    }
    int n = reader.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("connection closed inside a request body");
    }
    remaining -= n;
    if (!chunked && remaining == 0) {
      done = true;
    }
    return n;
  }

  @Override
  public byte[] readAllBytes() throws IOException {
    if (chunked || remaining > Integer.MAX_VALUE - 8) {
      return super.readAllBytes();
    }
    byte[] all = new byte[(int) remaining];
    int at = 0;
    while (at < all.length) {
      at += read(all, at, all.length - at);
    }
    return all;
  }

  /** Moves to the next chunk; false at the end of the body. */
  private boolean nextChunk() throws IOException {
    if (done) {
      return false;
    }
    if (started && !reader.line().isEmpty()) {
      throw new BadMessage(400, "malformed chunk");
    }
    started = true;
    String line = reader.line();
    int ext = line.indexOf(';');
    String size = (ext < 0 ? line : line.substring(0, ext)).trim();
    try {
      remaining = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new BadMessage(400, "malformed chunk size");
    }
    if (remaining < 0) {
      throw new BadMessage(400, "malformed chunk size");
    }
    if (remaining == 0) {
      while (!reader.line().isEmpty()) {
        // trailer fields: ignored
      }
      done = true;
      return false;
    }
    return true;
  }

  /** Skips what the handler left unread, up to {@code max} bytes; true when the body is over. */
  boolean drain(long max) throws IOException {
    byte[] skip = null;
    long skipped = 0;
    while (!done) {
      if (skipped > max) {
        return false;
      }
      if (skip == null) {
        skip = new byte[8192];
      }
      int n = read(skip, 0, skip.length);
      if (n < 0) {
        break;
      }
      skipped += n;
    }
    return true;
  }
}
