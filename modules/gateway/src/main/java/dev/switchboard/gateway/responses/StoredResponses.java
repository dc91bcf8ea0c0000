package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.platform.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stored responses in {@code sb_response}, by plain JDBC (one short local transaction per write, no
 * JTA): each response's document is sealed with the master key, bound to its row ({@link
 * SecretSealer}: table, row id, column), split into parts that fit a VARCHAR. Every read and delete
 * names the caller's workspace, so another workspace's id is simply not found.
 */
@ApplicationScoped
public class StoredResponses {

  static final String TABLE = "sb_response";
  static final String COLUMN = "body";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Database database;
  @Inject SecretSealer sealer;

  /** A stored response: the response object and the conversation that led to it. */
  record Stored(ObjectNode response, List<ObjectNode> history) {

    /** The conversation a follow-up continues: the history, then this response's output. */
    List<ObjectNode> conversation() {
      List<ObjectNode> all = new ArrayList<>(history);
      response.path("output").forEach(item -> all.add((ObjectNode) item));
      return all;
    }
  }

  /** Stores a response with the conversation before it, in one transaction. */
  public void save(String workspace, ObjectNode response, List<ObjectNode> history) {
    String responseId = response.path("id").asText();
    ObjectNode document = JSON.createObjectNode();
    document.set("response", response);
    document.putArray("history").addAll(history);
    List<String> parts = Parts.split(write(document));
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO sb_response (id, response_id, part, parts, workspace, created_at, body)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < parts.size(); i++) {
          String rowId = responseId + "." + i;
          ps.setString(1, rowId);
          ps.setString(2, responseId);
          ps.setInt(3, i);
          ps.setInt(4, parts.size());
          ps.setString(5, workspace);
          ps.setTimestamp(6, now);
          ps.setString(7, sealer.seal(parts.get(i), TABLE, rowId, COLUMN));
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The response could not be stored: " + e.getMessage(), e);
    }
  }

  /** A response of the workspace, opened; empty when there is none (or not all of it). */
  public Optional<Stored> find(String workspace, String responseId) {
    List<String> opened = new ArrayList<>();
    int expected = -1;
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, parts, body FROM sb_response WHERE response_id = ? AND workspace = ?"
                    + " ORDER BY part")) {
      ps.setString(1, responseId);
      ps.setString(2, workspace);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          expected = rs.getInt(2);
          opened.add(sealer.open(rs.getString(3), TABLE, rs.getString(1), COLUMN));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Stored responses cannot be read: " + e.getMessage(), e);
    }
    if (opened.isEmpty() || opened.size() != expected) {
      return Optional.empty();
    }
    ObjectNode document = read(String.join("", opened));
    List<ObjectNode> history = new ArrayList<>();
    document.path("history").forEach(item -> history.add((ObjectNode) item));
    return Optional.of(new Stored((ObjectNode) document.get("response"), history));
  }

  /** Deletes a response of the workspace; whether there was one. */
  public boolean delete(String workspace, String responseId) {
    return update(
            "DELETE FROM sb_response WHERE response_id = ? AND workspace = ?",
            responseId,
            workspace)
        > 0;
  }

  /** Deletes every stored response of a workspace; the rows deleted. */
  public int deleteWorkspace(String workspace) {
    return update("DELETE FROM sb_response WHERE workspace = ?", workspace);
  }

  /** Deletes the responses stored before {@code cutoff}; the rows deleted. */
  public int purgeBefore(Instant cutoff) {
    return update("DELETE FROM sb_response WHERE created_at < ?", Timestamp.from(cutoff));
  }

  private int update(String sql, Object... params) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Stored responses cannot be changed: " + e.getMessage(), e);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
