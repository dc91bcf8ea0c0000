package dev.switchboard.integrations;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import java.util.function.Supplier;

/**
 * An enabled model of an integration, ready for a routed call: its adapter and an endpoint resolved
 * at call time (secrets opened and variables resolved when the supplier is asked, never kept).
 */
public record RuntimeDeployment(
    String integrationId,
    String providerId,
    String modelId,
    ProviderAdapter adapter,
    Supplier<Endpoint> endpoint,
    int maxRetries,
    Integer contextWindow,
    Integer rateLimitRpm) {}
