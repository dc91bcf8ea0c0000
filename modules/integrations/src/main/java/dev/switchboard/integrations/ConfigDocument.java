package dev.switchboard.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Integrations and variables as a YAML document that can live in Git: secrets only as variable
 * references, never values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigDocument(
    String apiVersion, List<IntegrationEntry> integrations, List<VariableEntry> variables) {

  public static final String API_VERSION = "switchboard/v1";

  /** One integration; {@code apiKey} is always a reference such as {@code {{env.OPENAI_KEY}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IntegrationEntry(
      String name,
      String provider,
      String description,
      String apiKey,
      String organization,
      String azureResource,
      String azureApiVersion,
      String baseUrl,
      Integer requestTimeoutSeconds,
      Integer maxRetries,
      Integer rateLimitRpm,
      java.util.Map<String, String> headers,
      List<ModelEntry> models,
      AwsSettings aws) {}

  /** One model of an integration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelEntry(
      String modelId,
      String displayName,
      String description,
      String deploymentId,
      Boolean enabled) {}

  /** One variable; a secure one is exported without its value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VariableEntry(
      String scope, String name, Boolean secure, String value, String description) {}

  /**
   * What an import did.
   *
   * @param notes one line per entry that was not applied, or that needs a value set by hand
   */
  public record ImportReport(int created, int updated, List<String> notes) {}
}
