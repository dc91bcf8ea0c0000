package dev.switchboard.core.router;

import dev.switchboard.core.chat.ChatResponse;

/**
 * A routed reply.
 *
 * @param provider the provider that served it
 * @param model the model it was asked for on that provider
 * @param attempts upstream attempts made, retries and fallbacks included
 * @param requestId the gateway's id of the call
 */
public record RoutedChat(
    ChatResponse response, String provider, String model, int attempts, String requestId) {}
