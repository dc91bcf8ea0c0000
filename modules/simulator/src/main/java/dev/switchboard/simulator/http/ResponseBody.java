package dev.switchboard.simulator.http;

import java.io.IOException;
import java.io.OutputStream;

/** The body of a response: its framing (length, chunks, or the connection's end). */
abstract sealed class ResponseBody extends OutputStream {

  final Output out;

  ResponseBody(Output out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** Sends what is buffered: the client gets it now. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Completes the body; false when it cannot be completed and the connection must close. */
  abstract boolean finish() throws IOException;

  /** Exactly {@code Content-Length} bytes. */
  static final class Fixed extends ResponseBody {
    private long remaining;

    Fixed(Output out, long length) {
      super(out);
      this.remaining = length;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > remaining) {
        throw new IOException("more than the Content-Length announced");
      }
      out.write(b, off, len);
      remaining -= len;
    }

    @Override
    boolean finish() {
      return remaining == 0;
    }
  }

  /** Each write is one chunk: a stream frame written and flushed reaches the client whole. */
  static final class Chunked extends ResponseBody {

    Chunked(Output out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return; // an empty chunk would end the body
      }
      out.ascii(Integer.toHexString(len));
      out.ascii("\r\n");
      out.write(b, off, len);
      out.ascii("\r\n");
    }

    @Override
    boolean finish() throws IOException {
      out.ascii("0\r\n\r\n");
      return true;
    }
  }

  /** An HTTP/1.0 stream: raw bytes, the end of the body is the end of the connection. */
  static final class UntilClose extends ResponseBody {

    UntilClose(Output out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    boolean finish() {
      return false;
    }
  }

  /** The answer to a HEAD request: the head only. */
  static final class Discarded extends ResponseBody {

    Discarded(Output out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) {}

    @Override
    boolean finish() {
      return true;
    }
  }
}
