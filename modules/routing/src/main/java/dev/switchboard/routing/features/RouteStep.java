package dev.switchboard.routing.features;

/**
 * One deployment of a route: a model of an integration, its place in the fallback chain, and its
 * share among equivalent deployments of the same position.
 */
public record RouteStep(String integrationId, String modelId, int position, Integer weight) {}
