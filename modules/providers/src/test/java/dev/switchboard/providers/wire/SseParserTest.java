package dev.switchboard.providers.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private final List<SseEvent> events = new ArrayList<>();
  private final SseParser parser = new SseParser(1024, events::add);

  @Test
  void multiByteCharacterSplitAcrossPacketsDecodesIntact() {
    byte[] bytes = "data: h\u00e9llo \uD83C\uDF0D\n\n".getBytes(StandardCharsets.UTF_8);
    // split inside the 2-byte é and inside the 4-byte globe
    int e = indexOf(bytes, (byte) 0xC3) + 1;
    int globe = indexOf(bytes, (byte) 0xF0) + 2;
    parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, e)));
    parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, e, globe)));
    parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, globe, bytes.length)));

    assertThat(events).containsExactly(new SseEvent("message", "h\u00e9llo \uD83C\uDF0D"));
  }

  @Test
  void byteByByteFeedingGivesTheSameEvents() {
    byte[] bytes =
        "event: message_start\ndata: {\"a\":1}\n\nevent: ping\ndata: {}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      parser.feed(ByteBuffer.wrap(new byte[] {b}));
    }
    assertThat(events)
        .containsExactly(new SseEvent("message_start", "{\"a\":1}"), new SseEvent("ping", "{}"));
  }

  @Test
  void crlfAndCrLineEndingsAreAccepted() {
    feed("data: one\r\n\r\ndata: two\r\rdata: three\n\n");
    assertThat(events).extracting(SseEvent::data).containsExactly("one", "two", "three");
  }

  @Test
  void multipleDataLinesJoinWithNewlinesAndCommentsAreIgnored() {
    feed(": keep-alive\ndata: a\ndata: b\nid: 7\n\n");
    assertThat(events).containsExactly(new SseEvent("message", "a\nb"));
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndNameDoesNotLeakIntoTheNext() {
    feed("event: lonely\n\ndata: x\n\n");
    assertThat(events).containsExactly(new SseEvent("message", "x"));
  }

  @Test
  void lastEventWithoutBlankLineIsDispatchedAtTheEnd() {
    feed("data: tail");
    assertThat(events).isEmpty();
    parser.finish();
    assertThat(events).containsExactly(new SseEvent("message", "tail"));
  }

  @Test
  void overlongLineIsAProtocolErrorNotUnboundedBuffering() {
    assertThatThrownBy(() -> feed("data: " + "x".repeat(2000)))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void ndjsonLinesSplitAnywhereComeOutWhole() {
    List<String> lines = new ArrayList<>();
    LineDecoder decoder = new LineDecoder(1024, lines::add);
    byte[] bytes = "{\"a\":\"\u00e9\"}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += 3) {
      decoder.feed(ByteBuffer.wrap(Arrays.copyOfRange(bytes, i, Math.min(i + 3, bytes.length))));
    }
    assertThat(lines).containsExactly("{\"a\":\"\u00e9\"}", "{\"b\":2}");
  }

  private void feed(String text) {
    parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }
}
