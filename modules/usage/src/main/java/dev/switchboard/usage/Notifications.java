package dev.switchboard.usage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The notification log and its dispatcher. A mail is first a row ({@code PENDING}), written in the
 * same transaction as the event that caused it; the dispatcher claims a row with a conditional
 * update (so two servers never both send it), sends it, and records SENT, or FAILED with the error
 * and the time of the next attempt (exponential backoff, {@code maxAttempts} in all). A claim older
 * than {@code claimTimeout} (a server died mid-send) is taken over.
 */
public final class Notifications {

  private static final Logger LOG = System.getLogger(Notifications.class.getName());
  public static final String PENDING = "PENDING";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";

  private static final String COLUMNS =
      "id, kind, integration_id, recipients, subject, body, status, attempts, last_error,"
          + " created_at, next_attempt_at, sent_at";

  private final DataSource dataSource;
  private final SmtpMailer mailer;
  private final Clock clock;
  private final String serverId;
  private final int maxAttempts;
  private final Duration claimTimeout = Duration.ofMinutes(5);

  public Notifications(
      DataSource dataSource, SmtpMailer mailer, Clock clock, String serverId, int maxAttempts) {
    this.dataSource = dataSource;
    this.mailer = mailer;
    this.clock = clock;
    this.serverId = serverId;
    this.maxAttempts = maxAttempts;
  }

  /** Queues a mail in the caller's transaction; returns its id. */
  public static String queue(
      Connection c,
      String kind,
      String integrationId,
      List<String> recipients,
      String subject,
      String body,
      Instant now)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sb_notification (id, kind, integration_id, recipients, subject, body,"
                + " status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0,"
                + " ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, kind);
      ps.setString(3, integrationId);
      ps.setString(4, Sql.truncate(String.join(",", recipients), 2000));
      ps.setString(5, Sql.truncate(subject, 300));
      ps.setString(6, Sql.truncate(body, 8000));
      ps.setString(7, PENDING);
      ps.setTimestamp(8, Sql.ts(now));
      ps.setTimestamp(9, Sql.ts(now));
      ps.executeUpdate();
    }
    return id;
  }

  /**
   * Sends every due mail this server can claim.
   *
   * @return how many were sent now
   */
  public int dispatch() throws SQLException {
    if (!mailer.configured()) {
      return 0;
    }
    Instant now = clock.instant();
    List<Notification> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM sb_notification WHERE (status IN (?, ?) AND next_attempt_at <= ?)"
                    + " OR (status = ? AND claimed_at < ?) ORDER BY created_at")) {
      ps.setString(1, PENDING);
      ps.setString(2, FAILED);
      ps.setTimestamp(3, Sql.ts(now));
      ps.setString(4, SENDING);
      ps.setTimestamp(5, Sql.ts(now.minus(claimTimeout)));
      ps.setMaxRows(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(row(rs));
        }
      }
    }
    int sent = 0;
    for (Notification n : due) {
      if (!claim(n, now)) {
        continue;
      }
      try {
        mailer.send(n.recipients(), n.subject(), n.body());
        finish(n.id(), SENT, null, null, now);
        sent++;
      } catch (Exception e) {
        int attempts = n.attempts() + 1;
        Instant next =
            attempts >= maxAttempts
                ? null
                : clock.instant().plus(Duration.ofSeconds(30L << Math.min(attempts - 1, 10)));
        LOG.log(
            Level.WARNING,
            "Mail {0} failed (attempt {1} of {2}): {3}",
            n.id(),
            attempts,
            maxAttempts,
            e.getMessage());
        finish(n.id(), FAILED, Sql.truncate(String.valueOf(e.getMessage()), 1000), next, null);
      }
    }
    return sent;
  }

  private boolean claim(Notification n, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE sb_notification SET status = ?, attempts = attempts + 1, claimed_at = ?,"
                    + " claimed_by = ? WHERE id = ? AND status = ? AND attempts = ?")) {
      ps.setString(1, SENDING);
      ps.setTimestamp(2, Sql.ts(now));
      ps.setString(3, serverId);
      ps.setString(4, n.id());
      ps.setString(5, n.status());
      ps.setInt(6, n.attempts());
      return ps.executeUpdate() == 1;
    }
  }

  private void finish(String id, String status, String error, Instant next, Instant sentAt)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE sb_notification SET status = ?, last_error = ?, next_attempt_at = ?,"
                    + " sent_at = ? WHERE id = ?")) {
      ps.setString(1, status);
      ps.setString(2, error);
      ps.setTimestamp(3, Sql.ts(next));
      ps.setTimestamp(4, Sql.ts(sentAt));
      ps.setString(5, id);
      ps.executeUpdate();
    }
  }

  /** The log, newest first, optionally for one integration. */
  public static List<Notification> log(Connection c, String integrationId, int limit)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sb_notification"
            + (integrationId == null ? "" : " WHERE integration_id = ?")
            + " ORDER BY created_at DESC, id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (integrationId != null) {
        ps.setString(1, integrationId);
      }
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Notification> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row(rs));
        }
        return out;
      }
    }
  }

  private static Notification row(ResultSet rs) throws SQLException {
    String rc = rs.getString(4);
    return new Notification(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rc.isBlank() ? List.of() : List.of(rc.split(",")),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getString(9),
        Sql.instant(rs.getTimestamp(10)),
        Sql.instant(rs.getTimestamp(11)),
        Sql.instant(rs.getTimestamp(12)));
  }
}
