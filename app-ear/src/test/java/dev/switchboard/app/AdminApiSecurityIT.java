package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.basicAuth;
import static dev.switchboard.app.SwitchboardServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AdminApiSecurityIT {

  private static final String STATUS = "/api/v1/system/status";
  private final HttpClient client = SwitchboardServer.client();

  @Test
  void theAdminApiRefusesAnonymousCallers() throws Exception {
    HttpResponse<String> response = get(client, STATUS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(response.body()).doesNotContain("schemaVersion");
  }

  @Test
  void theAdminApiRefusesAWrongPassword() throws Exception {
    HttpResponse<String> response =
        get(client, STATUS, "Authorization", basicAuth("admin", "not-the-password"));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void theAdminSeesTheMigratedSchemaThroughTheAdminApi() throws Exception {
    HttpResponse<String> response =
        get(client, STATUS, "Authorization", basicAuth("admin", SwitchboardServer.adminPassword()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"databaseUp\":true")
        .contains("\"databaseKind\":\"" + SwitchboardServer.EXPECTED_DATABASE + "\"")
        .contains("\"schemaVersion\":\"" + SwitchboardServer.latestMigrationVersion() + "\"");
  }
}
