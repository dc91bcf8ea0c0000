package dev.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A signed-in caller of the admin API, for black-box tests. */
final class AdminApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = SwitchboardServer.client();
  private final String authorization;
  private final String baseUrl;

  AdminApi(String user, String password) {
    this(SwitchboardServer.BASE_URL, user, password);
  }

  /** A caller of the server at {@code baseUrl} (another server than the test server). */
  AdminApi(String baseUrl, String user, String password) {
    this.baseUrl = baseUrl;
    this.authorization = SwitchboardServer.basicAuth(user, password);
  }

  static AdminApi admin() {
    return new AdminApi("admin", SwitchboardServer.adminPassword());
  }

  /** Creates a user account (as admin) and returns a caller signed in as it. */
  static AdminApi newUser(String name, String workspace) {
    String password = "pw-" + name + "-0123456789";
    Reply r =
        admin()
            .send(
                "POST",
                "/api/v1/accounts",
                "{\"username\":\""
                    + name
                    + "\",\"password\":\""
                    + password
                    + "\",\"roles\":[\"user\"],\"workspace\":\""
                    + workspace
                    + "\"}");
    if (r.status() != 201) {
      throw new IllegalStateException("cannot create account " + name + ": " + r.body());
    }
    return new AdminApi(name, password);
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply send(String method, String path, String json) {
    return send(method, path, null, json, "application/json");
  }

  /** Sends a body of any media type, accepting {@code accept} (JSON when {@code null}). */
  Reply send(String method, String path, String accept, String body, String contentType) {
    String json = body;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", authorization)
            .header("Accept", accept == null ? "application/json" : accept);
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status and body, with the body as JSON on demand. */
  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }
  }
}
