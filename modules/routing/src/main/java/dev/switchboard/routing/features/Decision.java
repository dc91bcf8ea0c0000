package dev.switchboard.routing.features;

/** Which level of the routing configuration decided a call's route, in the order they are asked. */
public enum Decision {
  /** The call named {@code provider/model}: every enabled deployment of it in the workspace. */
  PROVIDER_MODEL,
  /** The feature's route set for the caller's workspace. */
  WORKSPACE_ROUTE,
  /** The feature's route set for the organization. */
  ORGANIZATION_ROUTE,
  /** The call named a deployment alias (a model's deployment id) in the workspace. */
  DEPLOYMENT_ALIAS,
  /** The workspace's default model (a feature without a route, or the model {@code default}). */
  WORKSPACE_DEFAULT,
  /** The organization's default model. */
  ORGANIZATION_DEFAULT
}
