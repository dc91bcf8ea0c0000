package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.routing.Deployment;

/**
 * A chat reply and how it was obtained.
 *
 * @param response the reply
 * @param servedBy the deployment that answered
 * @param attempts every attempt and skip of the call
 */
public record RoutedResponse(ChatResponse response, Deployment servedBy, Attempts attempts) {}
