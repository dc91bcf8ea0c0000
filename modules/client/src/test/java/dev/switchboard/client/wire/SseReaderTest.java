package dev.switchboard.client.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  @Test
  void eventsEndAtBlankLinesWhateverTheLineEnding() throws IOException {
    List<String> events =
        readAll("data: one\n\ndata: two\r\n\r\ndata:three\r\rdata: [DONE]\n\n", 8192);

    assertThat(events).containsExactly("one", "two", "three", "[DONE]");
  }

  @Test
  void commentsAndOtherFieldsAreSkippedAndDataLinesJoinWithLineFeeds() throws IOException {
    List<String> events = readAll(": keep-alive\n\nevent: x\nid: 7\ndata: a\ndata: b\n\n", 8192);

    assertThat(events).containsExactly("a\nb");
  }

  @Test
  void aCharacterSplitAcrossReadsArrivesWhole() throws IOException {
    // one byte per read: the 2-byte é and the 4-byte emoji are cut inside their encoding
    List<String> events = readAll("data: héllo 🌍\n\ndata: [DONE]\n\n", 1);

    assertThat(events).containsExactly("héllo 🌍", "[DONE]");
  }

  @Test
  void theConsumerStopsTheReadingAndAnEventWithoutItsBlankLineIsNotDelivered() throws IOException {
    List<String> seen = new ArrayList<>();
    SseReader reader = new SseReader(stream("data: 1\n\ndata: 2\n\ndata: 3\n\n", 8192));

    boolean stopped = reader.read(d -> seen.add(d) && !d.equals("2"));

    assertThat(stopped).isTrue();
    assertThat(seen).containsExactly("1", "2");
    List<String> cut = readAll("data: 1\n\ndata: cut", 8192);
    assertThat(cut).containsExactly("1");
  }

  private static List<String> readAll(String text, int maxPerRead) throws IOException {
    List<String> events = new ArrayList<>();
    boolean stopped = new SseReader(stream(text, maxPerRead)).read(events::add);
    assertThat(stopped).isFalse();
    return events;
  }

  /** A stream that hands out at most {@code maxPerRead} bytes per read, as a slow network does. */
  private static InputStream stream(String text, int maxPerRead) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, maxPerRead));
      }
    };
  }
}
