package dev.switchboard.usage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Lets one server of many run a periodic job once per slot: the slot is the number of whole
 * intervals since the epoch, and the server that inserts the (job, slot) row first runs it.
 */
public final class ScheduledRuns {

  private ScheduledRuns() {}

  public static long slot(Instant now, Duration interval) {
    return now.toEpochMilli() / interval.toMillis();
  }

  /** Whether this server claimed the slot (false: another did, or it was run already). */
  public static boolean claim(DataSource ds, String job, long slot, String serverId, Instant now)
      throws SQLException {
    try {
      return Sql.inTransaction(
          ds,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO sb_scheduled_run (job, slot, claimed_by, claimed_at)"
                        + " VALUES (?, ?, ?, ?)")) {
              ps.setString(1, job);
              ps.setLong(2, slot);
              ps.setString(3, serverId);
              ps.setTimestamp(4, Sql.ts(now));
              return ps.executeUpdate() == 1;
            }
          });
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }
}
