package dev.switchboard.gateway.openai;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import dev.switchboard.core.router.CallContext;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The call context of a {@code /v1} request: the workspace from the API key, and what the calling
 * application says in headers (its {@code switchboard-client} sends them from its own {@code
 * CallContext}): {@code x-switchboard-feature}, {@code x-switchboard-caller} (e.g. the end user it
 * acts for, recorded after the key: {@code apikey:<id>/<caller>}) and {@code x-switchboard-tags}
 * ({@code name=value,...}). Values are percent-encoded UTF-8; bounded, so usage labels stay
 * bounded; a malformed header is a 400 naming it.
 */
public final class CallContextHeaders {

  static final String FEATURE = "x-switchboard-feature";
  static final String CALLER = "x-switchboard-caller";
  static final String TAGS = "x-switchboard-tags";

  static final int MAX_VALUE = 256;
  static final int MAX_TAGS = 16;
  private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private CallContextHeaders() {}

  /**
   * @param headers a request header's value by name, or {@code null} when absent
   */
  public static CallContext of(ApiKeyCaller key, UnaryOperator<String> headers) {
    String feature = value(FEATURE, headers.apply(FEATURE));
    String caller = value(CALLER, headers.apply(CALLER));
    return new CallContext(
        key.workspace(),
        feature,
        caller == null ? key.principalName() : key.principalName() + "/" + caller,
        tags(headers.apply(TAGS)));
  }

  private static Map<String, String> tags(String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isBlank()) {
      return tags;
    }
    for (String pair : header.split(",")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? null : value(TAGS, pair.substring(0, eq).strip());
      if (name == null || !TAG_NAME.matcher(name).matches()) {
        throw invalid(
            TAGS,
            "'" + TAGS + "' must be name=value pairs; names are 1 to 64 of A-Z a-z 0-9 _ . : -.");
      }
      tags.put(name, value(TAGS, pair.substring(eq + 1).strip()));
      if (tags.size() > MAX_TAGS) {
        throw invalid(TAGS, "'" + TAGS + "' has more than " + MAX_TAGS + " tags.");
      }
    }
    return tags;
  }

  private static String value(String header, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(raw.strip(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(header, "'" + header + "' is not valid percent-encoded UTF-8.");
    }
    if (decoded.length() > MAX_VALUE || decoded.chars().anyMatch(Character::isISOControl)) {
      throw invalid(
          header,
          "'"
              + header
              + "' values are at most "
              + MAX_VALUE
              + " characters, no control characters.");
    }
    return decoded;
  }
}
