package dev.switchboard.variables.crypto;

/** How secrets are shown to people: masked, with at most their last four characters. */
public final class Secrets {

  /** One mask character; a bullet, so a masked value is never mistaken for a real one. */
  public static final String MASK_CHAR = "\u2022";

  private static final int SHOWN = 4;
  private static final int FULLY_MASKED_UP_TO = 8;
  private static final String FULL_MASK = MASK_CHAR.repeat(8);
  private static final String PREFIX_MASK = MASK_CHAR.repeat(4);

  private Secrets() {}

  /**
   * Masks a secret for display. Secrets of more than eight characters show their last four after
   * four mask characters ({@code ••••abcd}); shorter ones, where four characters would be half the
   * secret, are masked completely. The mask's length does not reveal the secret's length.
   *
   * @param secret the secret; {@code null} or empty gives an empty text
   * @return the masked text
   */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "";
    }
    int length = secret.codePointCount(0, secret.length());
    if (length <= FULLY_MASKED_UP_TO) {
      return FULL_MASK;
    }
    int start = secret.offsetByCodePoints(secret.length(), -SHOWN);
    return PREFIX_MASK + secret.substring(start);
  }
}
