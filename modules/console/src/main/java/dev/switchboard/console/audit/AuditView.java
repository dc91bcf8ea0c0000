package dev.switchboard.console.audit;

import dev.switchboard.platform.audit.AuditEntry;
import dev.switchboard.platform.audit.AuditQuery;
import dev.switchboard.platform.audit.AuditTrail;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit log, a page at a time from {@link AuditTrail} (newest first), filtered like the admin
 * API's {@code GET /api/v1/audit}: actor, action, object type and id, time range.
 */
@Named
@ViewScoped
public class AuditView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AuditTrail trail;

  private String actor;
  private String action;
  private String objectType;
  private String objectId;
  private LocalDateTime from;
  private LocalDateTime to;

  private final LazyDataModel<AuditEntry> entries = new Entries();

  /** Loads only the rows of the page shown. */
  private final class Entries extends LazyDataModel<AuditEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, trail.count(query(0, 1)));
    }

    @Override
    public List<AuditEntry> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      return trail.find(query(first, Math.min(Math.max(pageSize, 1), AuditQuery.MAX_LIMIT)));
    }

    @Override
    public String getRowKey(AuditEntry e) {
      return String.valueOf(e.getId());
    }

    @Override
    public AuditEntry getRowData(String rowKey) {
      return null;
    }
  }

  AuditQuery query(int offset, int limit) {
    return new AuditQuery(
        blankToNull(actor),
        blankToNull(action),
        blankToNull(objectType),
        blankToNull(objectId),
        from == null ? null : from.toInstant(ZoneOffset.UTC),
        to == null ? null : to.toInstant(ZoneOffset.UTC),
        offset,
        limit);
  }

  public void clear() {
    actor = null;
    action = null;
    objectType = null;
    objectId = null;
    from = null;
    to = null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public LazyDataModel<AuditEntry> getEntries() {
    return entries;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getObjectType() {
    return objectType;
  }

  public void setObjectType(String objectType) {
    this.objectType = objectType;
  }

  public String getObjectId() {
    return objectId;
  }

  public void setObjectId(String objectId) {
    this.objectId = objectId;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }
}
