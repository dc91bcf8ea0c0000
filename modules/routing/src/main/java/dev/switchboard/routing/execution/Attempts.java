package dev.switchboard.routing.execution;

import java.util.List;
import java.util.Optional;

/** Every attempt and skip of one call, in order: for usage records and response headers. */
public record Attempts(List<Attempt> list) {

  public Attempts {
    list = List.copyOf(list);
  }

  /** The attempt that served the call, if one did. */
  public Optional<Attempt> served() {
    return list.stream().filter(a -> a.outcome() == Outcome.SUCCEEDED).reduce((a, b) -> b);
  }

  /** Upstream calls made (skips excluded). */
  public long calls() {
    return list.stream().filter(a -> a.outcome().called()).count();
  }

  public long retries() {
    return list.stream().filter(a -> a.outcome().called() && a.retryNumber() > 0).count();
  }

  /** Whether the call moved past its first deployment. */
  public boolean fellBack() {
    return list.stream()
        .anyMatch(
            a ->
                a.then() == Attempt.FollowUp.FELL_BACK
                    || a.then() == Attempt.FollowUp.FELL_BACK_BUDGET_EXHAUSTED);
  }

  /** The ids of the deployments called, in order, one entry per call. */
  public List<String> calledDeployments() {
    return list.stream().filter(a -> a.outcome().called()).map(Attempt::deploymentId).toList();
  }
}
