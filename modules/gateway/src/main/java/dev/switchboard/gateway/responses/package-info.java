/**
 * OpenAI's Responses API under {@code /v1/responses}: a request's input items, instructions, tools
 * and text format are translated into the provider-neutral chat model, so a Responses call routes
 * like any chat (features, fallbacks, circuits, limits, ledger) to any provider family; the reply
 * and its stream are written back in the Responses shapes. Stored responses ({@code store}, {@code
 * previous_response_id}) are sealed at rest like secrets, scoped to the workspace that made them
 * and purged after the retention period.
 */
package dev.switchboard.gateway.responses;
