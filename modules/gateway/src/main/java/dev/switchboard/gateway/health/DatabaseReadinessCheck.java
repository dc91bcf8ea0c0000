package dev.switchboard.gateway.health;

import dev.switchboard.platform.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers; reports its kind and the schema's migration version. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  @Inject Database database;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder builder = HealthCheckResponse.named("database");
    if (!database.isReachable(2)) {
      return builder.down().withData("error", "no connection within 2 s").build();
    }
    try {
      return builder
          .up()
          .withData("kind", database.kind().displayName())
          .withData("migrationVersion", database.schemaVersion().orElse("none"))
          .build();
    } catch (SQLException | IllegalStateException e) {
      return builder.down().withData("error", "schema history unreadable").build();
    }
  }
}
