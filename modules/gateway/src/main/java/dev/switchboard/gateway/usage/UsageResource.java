package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageEntry;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The usage ledger and its summaries. Admins see every workspace; users their own. */
@Path("api/v1/usage")
@RequestScoped
@Tag(name = "Usage")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  @Inject UsageAdmin usage;
  @Inject CallerFactory callers;

  @GET
  @Operation(summary = "Ledger entries of a period, newest first (one per routed call)")
  public List<UsageEntry> entries(
      @Parameter(description = "ISO-8601 instant; default 24 hours ago") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to")
          String to,
      @QueryParam("workspace") String workspace,
      @QueryParam("integration") String integration,
      @QueryParam("requestId") String requestId,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit", "limit must be between 1 and 1000");
    }
    Instant end = instant("to", to, Instant.now().plusSeconds(1));
    Instant start = instant("from", from, end.minus(Duration.ofDays(1)));
    return usage.entries(callers.caller(), start, end, workspace, integration, requestId, limit);
  }

  @GET
  @Path("summary")
  @Operation(
      summary =
          "Tokens, requests, cost and median latency of a period, grouped by module, feature,"
              + " model, provider, workspace, integration, caller or day; with warnings for"
              + " integrations whose usage is estimated")
  public UsageSummary summary(
      @Parameter(description = "ISO-8601 instant; default 30 days ago") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to")
          String to,
      @Parameter(
              description =
                  "module, feature, model, provider, workspace, integration, caller or day")
          @QueryParam("groupBy")
          @DefaultValue("model")
          String groupBy,
      @QueryParam("workspace") String workspace,
      @QueryParam("integration") String integration) {
    UsageQuery.GroupBy g;
    try {
      g = UsageQuery.GroupBy.valueOf(groupBy.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "groupBy",
          "groupBy is one of module, feature, model, provider, workspace, integration, caller, day");
    }
    Instant end = instant("to", to, Instant.now().plusSeconds(1));
    Instant start = instant("from", from, end.minus(Duration.ofDays(30)));
    if (!start.isBefore(end)) {
      throw new InvalidRequestException("from", "from must be before to");
    }
    return usage.summary(callers.caller(), new UsageQuery(start, end, g, workspace, integration));
  }

  static Instant instant(String field, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field, field + " must be an ISO-8601 instant");
    }
  }
}
