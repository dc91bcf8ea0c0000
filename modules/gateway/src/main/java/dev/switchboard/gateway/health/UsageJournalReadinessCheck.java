package dev.switchboard.gateway.health;

import dev.switchboard.usage.UsageEngine;
import dev.switchboard.usage.UsageModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this server can record usage: DOWN when the usage journal cannot be written (a call
 * answered now would have no ledger row), so a load balancer sends calls to another server. The
 * counts since start are reported either way.
 */
@Readiness
@ApplicationScoped
public class UsageJournalReadinessCheck implements HealthCheck {

  @Inject UsageModule usage;

  @Override
  public HealthCheckResponse call() {
    UsageEngine e = usage.engine();
    return HealthCheckResponse.named("usage-journal")
        .status(e.canRecord())
        .withData("unrecordedRecords", e.journalFailures())
        .withData("corruptRecords", e.journalCorruptRecords())
        .withData("limitEvaluationFailures", e.limitFailures())
        .withData("refuseWhenUnrecorded", usage.refuseWhenUnrecorded())
        .build();
  }
}
