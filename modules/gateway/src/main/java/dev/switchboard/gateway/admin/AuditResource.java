package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.audit.AuditEntry;
import dev.switchboard.platform.audit.AuditQuery;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail, filterable, newest first. Admins only. */
@Path("api/v1/audit")
@RequestScoped
@Tag(name = "Audit")
@SecurityRequirement(name = "basic")
public class AuditResource {

  @Inject AuditTrail trail;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Audited changes matching every given filter, newest first")
  public List<AuditEntry> find(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("objectType") String objectType,
      @QueryParam("objectId") String objectId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (offset < 0) {
      throw new InvalidRequestException("offset", "offset must not be negative");
    }
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit", "limit must be between 1 and " + AuditQuery.MAX_LIMIT);
    }
    return trail.find(
        new AuditQuery(
            actor,
            action,
            objectType,
            objectId,
            instant("from", from),
            instant("to", to),
            offset,
            limit));
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }
}
