package dev.switchboard.gateway.admin;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * Every other failure in the API's own error shape: the container's own statuses (404, 405, 415,
 * 401, 403) kept; unreadable JSON a 400; anything else a 500 that says only a reference, which the
 * server log has with the cause. Nothing internal reaches the caller.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<Exception> {

  private static final Logger LOG = System.getLogger(UnexpectedErrors.class.getName());

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
      Response.StatusType status = w.getResponse().getStatusInfo();
      if (isUnreadableJson(w)) {
        return unreadable();
      }
      return ApiError.response(
          Response.Status.fromStatusCode(status.getStatusCode()) == null
              ? Response.Status.BAD_REQUEST
              : Response.Status.fromStatusCode(status.getStatusCode()),
          "request_error",
          status.getReasonPhrase(),
          null);
    }
    if (isUnreadableJson(e)) {
      return unreadable();
    }
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.ERROR, "Unexpected error " + reference + " (" + e.getClass().getName() + ")", e);
    return ApiError.response(
        Response.Status.INTERNAL_SERVER_ERROR,
        "internal_error",
        "The server failed to handle the request; reference " + reference,
        null);
  }

  private static boolean isUnreadableJson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonbException || t instanceof ProcessingException) {
        return true;
      }
    }
    return false;
  }

  private static Response unreadable() {
    return ApiError.response(
        Response.Status.BAD_REQUEST,
        "invalid_request",
        "The body is not valid JSON for this request",
        null);
  }
}
