package dev.switchboard.usage;

import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.IntegrationAdmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Enforcing token limits at the router: a call to an integration whose enforcing limit is used up
 * is refused with {@code QUOTA_EXHAUSTED} (the gateway answers 429 when no other integration can
 * serve it), naming the limit and when its cycle resets. Notify-only limits never refuse. With
 * {@code switchboard.usage.refuse-when-unrecorded}, a call whose usage this server could not record
 * (the journal cannot be written) is refused with {@code UNAVAILABLE} (503) before it is sent.
 */
@ApplicationScoped
public class UsageAdmission implements IntegrationAdmission {

  @Inject UsageModule usage;

  @Override
  public void admit(String integrationId, CallContext context) {
    UsageEngine engine = usage.engine();
    engine.admitRecording(usage.refuseWhenUnrecorded());
    engine.admit(integrationId);
  }
}
