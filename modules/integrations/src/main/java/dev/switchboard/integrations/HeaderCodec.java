package dev.switchboard.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.variables.HeaderRuleException;
import dev.switchboard.variables.HeaderRules;
import dev.switchboard.variables.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An integration's extra headers: checked when saved (names are tokens and not hop-by-hop or
 * framing headers; literal values carry no CR, LF or NUL), stored as one sealed JSON object, shown
 * with masked values.
 */
final class HeaderCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
  static final String COLUMN = "extra_headers";

  private HeaderCodec() {}

  static void check(Map<String, String> headers) {
    if (headers.size() > 20) {
      throw new InvalidRequestException("headers", "at most 20 extra headers");
    }
    headers.forEach(
        (name, value) -> {
          try {
            if (HeaderRules.isForbidden(name)) {
              throw new InvalidRequestException(
                  "headers." + name, name + " cannot be set by configuration");
            }
            HeaderRules.checkName(name);
            if (value == null || value.length() > 1000) {
              throw new InvalidRequestException(
                  "headers." + name, "a header value is required (at most 1000 characters)");
            }
            if (!Template.parse(value).hasReferences()) {
              HeaderRules.checkValue(name, value);
            }
          } catch (HeaderRuleException e) {
            throw new InvalidRequestException("headers", e.getMessage());
          } catch (dev.switchboard.variables.TemplateSyntaxException e) {
            throw new InvalidRequestException("headers." + name, e.getMessage());
          }
        });
  }

  static String seal(SecretSealer sealer, String integrationId, Map<String, String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    try {
      return sealer.seal(
          JSON.writeValueAsString(new TreeMap<>(headers)),
          Integrations.TABLE,
          integrationId,
          COLUMN);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode headers", e);
    }
  }

  static Map<String, String> open(SecretSealer sealer, Integration i) {
    if (i.headersSealed == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(sealer.open(i.headersSealed, Integrations.TABLE, i.id, COLUMN), MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored headers of " + i.id + " are unreadable", e);
    }
  }

  /** Header names with every value masked: a value may be a secret. */
  static Map<String, String> masked(SecretSealer sealer, Integration i) {
    Map<String, String> shown = new LinkedHashMap<>();
    open(sealer, i).forEach((name, value) -> shown.put(name, SecretSealer.mask(value)));
    return shown;
  }
}
