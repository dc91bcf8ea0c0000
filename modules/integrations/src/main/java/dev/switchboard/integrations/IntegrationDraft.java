package dev.switchboard.integrations;

import java.util.List;
import java.util.Map;

/**
 * What a caller may set on an integration. Owner and workspace are not here on purpose: they come
 * from the caller. Any field may hold a variable reference such as {@code {{env.OPENAI_KEY}}} where
 * the provider accepts one (API key, Azure resource, base URL).
 *
 * @param apiKey the credential; on update {@code null} keeps the stored one
 * @param requestTimeoutSeconds 1 to 600, default 30
 * @param maxRetries 0 to 10, default 3
 * @param rateLimitRpm requests per minute, or {@code null} for none
 * @param models models to enable at creation
 * @param headers extra request headers; values may hold references; on update {@code null} keeps
 *     the stored ones and an empty map removes them
 * @param aws Amazon Bedrock's region and credentials setup; {@code null} for other providers
 */
public record IntegrationDraft(
    String name,
    String description,
    String providerId,
    String apiKey,
    String organization,
    String azureResource,
    String azureApiVersion,
    String baseUrl,
    Integer requestTimeoutSeconds,
    Integer maxRetries,
    Integer rateLimitRpm,
    List<ModelDraft> models,
    Map<String, String> headers,
    AwsSettings aws) {}
