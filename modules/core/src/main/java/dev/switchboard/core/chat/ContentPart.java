package dev.switchboard.core.chat;

import java.util.Objects;

/** One part of a message's content: text or an image. */
public sealed interface ContentPart {

  /** Plain text. */
  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, given either by URL or inline as base64 data with its media type.
   *
   * @param url where the provider can fetch the image, or {@code null} when inline
   * @param base64Data the image bytes in base64, or {@code null} when by URL
   * @param mediaType e.g. {@code image/png}; required for inline data
   */
  record Image(String url, String base64Data, String mediaType) implements ContentPart {
    public Image {
      if ((url == null) == (base64Data == null)) {
        throw new IllegalArgumentException("an image has either a url or base64 data");
      }
      if (base64Data != null && mediaType == null) {
        throw new IllegalArgumentException("inline image data needs a media type");
      }
    }

    public static Image ofUrl(String url) {
      return new Image(url, null, null);
    }

    public static Image ofBase64(String base64Data, String mediaType) {
      return new Image(null, base64Data, mediaType);
    }

    public boolean inline() {
      return base64Data != null;
    }

    @Override
    public String toString() {
      return inline()
          ? "Image[" + mediaType + ", " + base64Data.length() + " base64 chars]"
          : "Image[" + url + "]";
    }
  }

  static ContentPart text(String text) {
    return new Text(text);
  }
}
