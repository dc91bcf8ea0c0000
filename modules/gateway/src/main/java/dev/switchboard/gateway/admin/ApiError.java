package dev.switchboard.gateway.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The admin API's error shape: {@code {"error":{"type","message","field"}}}, where {@code field}
 * names the request field that is wrong, when one is.
 */
public record ApiError(Body error) {

  /** The error itself. */
  public record Body(String type, String message, String field) {}

  public static Response response(
      Response.Status status, String type, String message, String field) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(new Body(type, message, field)))
        .build();
  }
}
