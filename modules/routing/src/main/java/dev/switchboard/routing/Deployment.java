package dev.switchboard.routing;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One model on one integration: a place a chat call can be sent.
 *
 * @param id unique within a route, for attempts and latency statistics
 * @param integrationId the integration whose circuit, limit and budget this deployment uses
 * @param model the model id the provider knows
 * @param endpoint resolves the endpoint at call time (secrets decrypted then, never kept here)
 * @param adapter the provider family's adapter
 * @param weight the share of traffic among equivalent deployments (weighted balancing)
 * @param contextWindow the model's context in tokens, or 0 when unknown
 */
public record Deployment(
    String id,
    String integrationId,
    String model,
    Supplier<Endpoint> endpoint,
    ProviderAdapter adapter,
    int weight,
    long contextWindow) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(adapter, "adapter");
    if (weight < 0 || contextWindow < 0) {
      throw new IllegalArgumentException("weight and context window cannot be negative");
    }
  }

  /** A deployment of weight 1 and unknown context, its id {@code integrationId/model}. */
  public static Deployment of(
      String integrationId, String model, Supplier<Endpoint> endpoint, ProviderAdapter adapter) {
    return new Deployment(
        integrationId + "/" + model, integrationId, model, endpoint, adapter, 1, 0);
  }

  public Deployment withWeight(int newWeight) {
    return new Deployment(id, integrationId, model, endpoint, adapter, newWeight, contextWindow);
  }

  public Deployment withContextWindow(long tokens) {
    return new Deployment(id, integrationId, model, endpoint, adapter, weight, tokens);
  }

  /** Whether the context window is known and smaller than {@code tokens}. */
  public boolean tooSmallFor(long tokens) {
    return contextWindow > 0 && tokens > contextWindow;
  }

  @Override
  public String toString() {
    return "Deployment[" + id + "]";
  }
}
