package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;

/** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrors {

  private OpenAiErrors() {}

  /** The body for a status and a neutral or native code (null: the status's default). */
  static ObjectNode body(int status, String code, String type, String message) {
    return body(status, code, type, message, null);
  }

  /** The same, naming the offending request parameter. */
  static ObjectNode body(int status, String code, String type, String message, String param) {
    String c = code != null ? code : defaultCode(status);
    if (Family.INVALID_REQUEST.equals(c) || Family.NOT_FOUND.equals(c)) {
      c = null;
    }
    String t = type != null ? type : typeOf(c, status);
    String m = message != null ? message : defaultMessage(c, status);
    ObjectNode error = Json.object();
    ObjectNode e = error.putObject("error").put("message", m).put("type", t);
    if (param == null) {
      e.putNull("param");
    } else {
      e.put("param", param);
    }
    if (c == null) {
      e.putNull("code");
    } else {
      e.put("code", c);
    }
    return error;
  }

  /** The error a stream sends after its 200 headers. */
  static ObjectNode streamError() {
    return body(
        500,
        "server_error",
        "server_error",
        "The server had an error while processing" + " your request. Sorry about that!");
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 401 -> Family.INVALID_KEY;
      case 404 -> Family.MODEL_NOT_FOUND;
      case 429 -> "rate_limit_exceeded";
      case 500, 502, 503, 504 -> null;
      default -> Family.INVALID_REQUEST;
    };
  }

  private static String typeOf(String code, int status) {
    if (code == null) {
      return status >= 500 ? "server_error" : "invalid_request_error";
    }
    return switch (code) {
      case "insufficient_quota" -> "insufficient_quota";
      case "rate_limit_exceeded" -> "requests";
      case "server_error" -> "server_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static String defaultMessage(String code, int status) {
    if (code != null) {
      switch (code) {
        case Family.INVALID_KEY:
          return "Incorrect API key provided. You can find your API key at"
              + " https://platform.openai.com/account/api-keys.";
        case "rate_limit_exceeded":
          return "Rate limit reached for requests. Please try again in 2s.";
        case "insufficient_quota":
          return "You exceeded your current quota, please check your plan and billing details.";
        case Family.MODEL_NOT_FOUND:
          return "The model does not exist or you do not have access to it.";
        default:
          break;
      }
    }
    return switch (status) {
      case 503 -> "The engine is currently overloaded, please try again later.";
      case 500 -> "The server had an error while processing your request. Sorry about that!";
      default -> "Simulated error " + status + ".";
    };
  }
}
