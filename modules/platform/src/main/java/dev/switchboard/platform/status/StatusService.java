package dev.switchboard.platform.status;

import dev.switchboard.platform.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;

/** Reads the server's status: build version, database kind, schema version and reachability. */
@ApplicationScoped
public class StatusService {

  private static final String UNKNOWN = "unknown";
  private static final String VERSION = readVersion();

  @Inject Database database;

  public ServerStatus current() {
    boolean up = database.isReachable(2);
    String kind = UNKNOWN;
    String schema = UNKNOWN;
    if (up) {
      try {
        kind = database.kind().displayName();
        schema = database.schemaVersion().orElse("none");
      } catch (SQLException | IllegalStateException e) {
        up = false;
      }
    }
    return new ServerStatus(VERSION, kind, schema, up, Instant.now());
  }

  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in =
        StatusService.class.getResourceAsStream("/META-INF/switchboard-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", UNKNOWN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
