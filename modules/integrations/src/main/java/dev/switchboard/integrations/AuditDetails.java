package dev.switchboard.integrations;

import static dev.switchboard.integrations.DraftRules.blank;

import dev.switchboard.integrations.secrets.SecretSealer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an integration's audit entries say: which fields were set or changed, secrets masked. */
final class AuditDetails {

  private AuditDetails() {}

  /** The fields an update may change, as the audit compares them (the key is compared apart). */
  static Map<String, Object> snapshot(Integration i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", i.name);
    m.put("description", i.description);
    m.put("organization", i.organization);
    m.put("azureResource", i.azureResource);
    m.put("azureApiVersion", i.azureApiVersion);
    m.put("baseUrl", i.baseUrl);
    m.put("requestTimeoutSeconds", i.requestTimeoutSeconds);
    m.put("maxRetries", i.maxRetries);
    m.put("rateLimitRpm", i.rateLimitRpm);
    if (i.awsRegion != null) {
      m.put("aws", i.aws().masked());
    }
    return m;
  }

  /** What changed, field by field ({@code from}, {@code to}); a new key only as "replaced". */
  static Map<String, Object> changes(
      Map<String, Object> before, Map<String, Object> after, boolean keyReplaced) {
    Map<String, Object> changed = new LinkedHashMap<>();
    before.forEach(
        (field, old) -> {
          Object now = after.get(field);
          if (!Objects.equals(old, now)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", old);
            change.put("to", now);
            changed.put(field, change);
          }
        });
    if (keyReplaced) {
      changed.put("apiKey", "replaced");
    }
    return changed;
  }

  /** Audit details: which fields were set, secrets masked. */
  static Map<String, Object> describe(IntegrationDraft d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    putIf(m, "providerId", d.providerId());
    putIf(m, "description", d.description());
    putIf(m, "apiKey", blank(d.apiKey()) ? null : SecretSealer.mask(d.apiKey().trim()));
    putIf(m, "organization", d.organization());
    putIf(m, "azureResource", d.azureResource());
    putIf(m, "baseUrl", d.baseUrl());
    putIf(m, "requestTimeoutSeconds", d.requestTimeoutSeconds());
    putIf(m, "maxRetries", d.maxRetries());
    putIf(m, "rateLimitRpm", d.rateLimitRpm());
    if (d.aws() != null) {
      m.put("aws", d.aws().masked());
    }
    return m;
  }

  static Map<String, Object> of(ModelDraft m) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("modelId", m.modelId());
    putIf(map, "displayName", m.displayName());
    putIf(map, "deploymentId", m.deploymentId());
    return map;
  }

  static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      m.put(key, value);
    }
  }
}
