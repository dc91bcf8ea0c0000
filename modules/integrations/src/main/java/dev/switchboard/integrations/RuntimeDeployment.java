package dev.switchboard.integrations;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import java.util.function.Supplier;

/**
 * An enabled model of an integration, ready for a routed call: its adapter and its endpoint (secret
 * opened and variables resolved when the supplier is first asked, then held in memory by the
 * configuration snapshot until the configuration changes; never written anywhere).
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
