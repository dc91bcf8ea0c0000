package dev.switchboard.console.support;

import dev.switchboard.integrations.IntegrationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * How a status looks: green when the last test passed, red when it failed, yellow when untested or
 * degraded. Presentation only; the status itself comes from the services.
 */
@Named
@ApplicationScoped
public class StatusColors {

  /** A PrimeFaces tag severity. */
  public String severity(IntegrationStatus s) {
    if (s == null) {
      return "warning";
    }
    return switch (s) {
      case ACTIVE -> "success";
      case ERROR -> "danger";
      case WARNING, UNTESTED -> "warning";
    };
  }

  public String label(IntegrationStatus s) {
    if (s == null) {
      return "Untested";
    }
    return switch (s) {
      case ACTIVE -> "Active";
      case ERROR -> "Error";
      case WARNING -> "Warning";
      case UNTESTED -> "Untested";
    };
  }

  /** The colour word the tests and screen readers can rely on. */
  public String color(IntegrationStatus s) {
    return switch (severity(s)) {
      case "success" -> "green";
      case "danger" -> "red";
      default -> "yellow";
    };
  }
}
