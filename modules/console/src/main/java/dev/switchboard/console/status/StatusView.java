package dev.switchboard.console.status;

import dev.switchboard.platform.status.ServerStatus;
import dev.switchboard.platform.status.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The status page's state, read once per request. */
@Named
@RequestScoped
public class StatusView {

  @Inject StatusService statusService;

  private ServerStatus status;

  @PostConstruct
  void init() {
    status = statusService.current();
  }

  public ServerStatus getStatus() {
    return status;
  }

  public String getHealthSeverity() {
    return status.databaseUp() ? "success" : "danger";
  }
}
