package dev.switchboard.client;

import dev.switchboard.client.wire.GatewayErrors;
import dev.switchboard.core.error.ProviderException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Reading the gateway's answers: JSON bodies, errors and headers. */
final class ResponseBodies {

  static final String REQUEST_ID = "x-request-id";
  static final String PROVIDER = "x-switchboard-provider";
  static final String MODEL = "x-switchboard-model";
  static final String ATTEMPTS = "x-switchboard-attempts";

  /** The largest error body read; an OpenAI error object is far smaller. */
  private static final int MAX_ERROR_BYTES = 64 * 1024;

  private ResponseBodies() {}

  /** A successful answer's JSON object; anything else is a protocol error. */
  static JsonObject object(JsonProvider json, Response r) {
    try (InputStream in = r.readEntity(InputStream.class);
        var reader = json.createReader(in)) {
      return reader.readObject();
    } catch (java.io.IOException e) {
      throw GatewayErrors.connection(e, true);
    } catch (RuntimeException e) {
      throw GatewayErrors.protocol("malformed_response", "the gateway's answer is not JSON", e);
    }
  }

  /** An error answer as the {@link ProviderException} it stands for. */
  static ProviderException error(JsonProvider json, Response r) {
    try (InputStream in = r.readEntity(InputStream.class)) {
      return error(json, r.getStatus(), in, r.getHeaderString("Retry-After"));
    } catch (java.io.IOException | RuntimeException e) {
      return GatewayErrors.of(r.getStatus(), null, r.getHeaderString("Retry-After"));
    }
  }

  /** An error status and body as the {@link ProviderException} they stand for. */
  static ProviderException error(JsonProvider json, int status, InputStream in, String retryAfter) {
    JsonObject error = null;
    try {
      byte[] body = in.readNBytes(MAX_ERROR_BYTES);
      try (var reader = json.createReader(new java.io.ByteArrayInputStream(body))) {
        JsonValue e = reader.readObject().get("error");
        if (e != null && e.getValueType() == JsonValue.ValueType.OBJECT) {
          error = e.asJsonObject();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not OpenAI's shape (a proxy's page, an unreadable body): the status alone decides
    }
    return GatewayErrors.of(status, error, retryAfter);
  }

  static int attempts(String value) {
    try {
      return value == null ? 1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static int attempts(Response r) {
    return attempts(r.getHeaderString(ATTEMPTS));
  }
}
