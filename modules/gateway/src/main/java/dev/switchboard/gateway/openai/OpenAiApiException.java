package dev.switchboard.gateway.openai;

/**
 * A request the OpenAI-compatible API refuses, with what OpenAI's error object says: HTTP status,
 * {@code type}, {@code param} (the offending field, or {@code null}) and {@code code}.
 */
public class OpenAiApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  public OpenAiApiException(int status, String type, String param, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** A 400 {@code invalid_request_error} about one field. */
  public static OpenAiApiException invalid(String param, String message) {
    return new OpenAiApiException(400, "invalid_request_error", param, null, message);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
