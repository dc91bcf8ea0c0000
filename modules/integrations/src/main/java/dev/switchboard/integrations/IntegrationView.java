package dev.switchboard.integrations;

import java.time.Instant;
import java.util.List;

/**
 * An integration as every API shows it: the credential only masked (last four characters at most),
 * never the value. {@code authProfileId} names the auth profile calls use instead of the key.
 */
public record IntegrationView(
    String id,
    String name,
    String description,
    String providerId,
    String owner,
    String workspace,
    IntegrationStatus status,
    String apiKey,
    String organization,
    String azureResource,
    String azureApiVersion,
    String baseUrl,
    int requestTimeoutSeconds,
    int maxRetries,
    Integer rateLimitRpm,
    java.util.Map<String, String> headers,
    AwsSettings aws,
    List<ModelView> models,
    Instant lastTestAt,
    Boolean lastTestOk,
    String lastTestMessage,
    Instant createdAt,
    Instant updatedAt,
    String authProfileId) {}
