package dev.switchboard.core.router;

import dev.switchboard.core.error.ProviderException;

/**
 * A check the router makes before it sends a call to an integration: a CDI bean implementing it
 * (e.g. an enforcing token limit) may refuse. A refused deployment is skipped like one whose
 * circuit is open; when every deployment of a route is refused, the first refusal reaches the
 * caller.
 */
public interface IntegrationAdmission {

  /**
   * Returns normally to admit the call; throws to refuse it, with a category (usually {@code
   * QUOTA_EXHAUSTED} or {@code RATE_LIMITED}) and a message that names the limit and when it
   * resets.
   */
  void admit(String integrationId, CallContext context) throws ProviderException;
}
