package dev.switchboard.gateway.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request field is missing or wrong: a 400 that names the field. */
public class InvalidFieldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** Maps the exception to the admin API's error shape. */
  @Provider
  public static class Mapper implements ExceptionMapper<InvalidFieldException> {
    @Override
    public Response toResponse(InvalidFieldException e) {
      return ApiError.response(
          Response.Status.BAD_REQUEST, "invalid_request", e.getMessage(), e.field());
    }
  }
}
