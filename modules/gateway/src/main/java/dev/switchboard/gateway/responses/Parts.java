package dev.switchboard.gateway.responses;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into parts of at most {@link #MAX_BYTES} UTF-8 bytes, never inside a character, so
 * each part sealed (base64 of the ciphertext, about 4/3 of it, plus the envelope) fits {@code
 * VARCHAR(32000)}.
 */
final class Parts {

  static final int MAX_BYTES = 20_000;

  private Parts() {}

  static List<String> split(String text) {
    return split(text, MAX_BYTES);
  }

  static List<String> split(String text, int maxBytes) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        parts.add(text.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    parts.add(text.substring(start));
    return parts;
  }
}
