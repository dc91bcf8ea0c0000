package dev.switchboard.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP/1.1 over a raw socket, keeping the chunk boundaries the server chose. */
final class RawHttp {

  /**
   * @param complete whether the terminating (empty) chunk arrived; false when the connection ended
   *     in the middle of the chunked body
   */
  record Response(String head, List<byte[]> chunks, boolean complete) {
    byte[] body() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  private RawHttp() {}

  static Response post(int port, String path, String json, String... headers) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder();
      request.append("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
      request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length);
      request.append("\r\nConnection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      StringBuilder head = new StringBuilder();
      String line;
      while (!(line = readLine(in)).isEmpty()) {
        head.append(line).append('\n');
      }
      List<byte[]> chunks = new ArrayList<>();
      try {
        int size;
        while ((size = Integer.parseInt(readLine(in).trim(), 16)) > 0) {
          byte[] chunk = new byte[size];
          in.readFully(chunk);
          readLine(in);
          chunks.add(chunk);
        }
        return new Response(head.toString(), chunks, true);
      } catch (EOFException | SocketException | NumberFormatException e) {
        // the connection ended early: a close, or a reset (the simulator's abrupt drop)
        return new Response(head.toString(), chunks, false);
      }
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
