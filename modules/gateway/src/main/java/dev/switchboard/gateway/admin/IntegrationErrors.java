package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.IntegrationNotFoundException;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.variables.VariableNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The integrations boundary's errors in the admin API's shape. */
public final class IntegrationErrors {

  private IntegrationErrors() {}

  /** 404, the same for "does not exist" and "not yours". */
  @Provider
  public static class NotFound implements ExceptionMapper<IntegrationNotFoundException> {
    @Override
    public Response toResponse(IntegrationNotFoundException e) {
      return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage(), null);
    }
  }

  /** 404 for a variable outside the caller's workspace or missing. */
  @Provider
  public static class VariableNotFound implements ExceptionMapper<VariableNotFoundException> {
    @Override
    public Response toResponse(VariableNotFoundException e) {
      return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage(), null);
    }
  }

  /** 404 for an auth profile outside the caller's workspace or missing. */
  @Provider
  public static class AuthProfileNotFound
      implements ExceptionMapper<dev.switchboard.integrations.auth.AuthProfileNotFoundException> {
    @Override
    public Response toResponse(dev.switchboard.integrations.auth.AuthProfileNotFoundException e) {
      return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage(), null);
    }
  }

  /** 400 naming the field. */
  @Provider
  public static class Invalid implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      return ApiError.response(
          Response.Status.BAD_REQUEST, "invalid_request", e.getMessage(), e.field());
    }
  }
}
