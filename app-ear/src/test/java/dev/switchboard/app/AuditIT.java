package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.basicAuth;
import static dev.switchboard.app.SwitchboardServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AuditIT {

  private final HttpClient client = SwitchboardServer.client();
  private final String admin = basicAuth("admin", SwitchboardServer.adminPassword());

  @Test
  void theFirstAdminAccountsCreationIsAuditedWithoutItsPassword() throws Exception {
    HttpResponse<String> response =
        get(client, "/api/v1/audit?objectType=account&objectId=admin", "Authorization", admin);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"action\":\"account.created\"")
        .contains("\"actor\":\"system\"")
        .contains("passwordSource")
        .doesNotContain(SwitchboardServer.adminPassword());
  }

  @Test
  void filtersThatMatchNothingGiveAnEmptyList() throws Exception {
    HttpResponse<String> response =
        get(client, "/api/v1/audit?actor=nobody-at-all", "Authorization", admin);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void aBadFilterIsA400NamingTheField() throws Exception {
    HttpResponse<String> badLimit =
        get(client, "/api/v1/audit?limit=100000", "Authorization", admin);
    HttpResponse<String> badTime =
        get(client, "/api/v1/audit?from=yesterday", "Authorization", admin);

    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body())
        .contains("\"field\":\"limit\"")
        .contains("\"type\":\"invalid_request\"");
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(badTime.body()).contains("\"field\":\"from\"").contains("ISO-8601");
  }

  @Test
  void theAuditTrailNeedsSigningIn() throws Exception {
    assertThat(get(client, "/api/v1/audit").statusCode()).isEqualTo(401);
  }
}
