package dev.switchboard.console.status;

import dev.switchboard.platform.status.StatusService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says in the server log where to open Switchboard once the console, the last module to start, is
 * up.
 */
@ApplicationScoped
public class ReadyAnnouncement {

  private static final Logger LOG = System.getLogger(ReadyAnnouncement.class.getName());

  @Inject
  @ConfigProperty(name = "SWITCHBOARD_HTTP_PORT", defaultValue = "9080")
  String httpPort;

  void announce(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    String base = "http://localhost:" + httpPort;
    LOG.log(
        Level.INFO,
        "Switchboard {0} is ready. Console: {1}{2}/  Health: {1}/health/ready  OpenAPI: {1}/openapi",
        StatusService.version(),
        base,
        context.getContextPath());
  }
}
