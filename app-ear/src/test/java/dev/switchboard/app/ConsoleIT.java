package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.get;
import static dev.switchboard.app.SwitchboardServer.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleIT {

  private final HttpClient client = SwitchboardServer.client();

  @Test
  void theConsoleSendsAnonymousVisitorsToTheSignInPage() throws Exception {
    HttpResponse<String> response = get(client, "/console/");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));
    HttpResponse<String> login = get(client, "/console/login.xhtml");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("j_security_check").contains("name=\"j_password\"");
  }

  @Test
  void aWrongPasswordKeepsTheVisitorOut() throws Exception {
    get(client, "/console/");
    HttpResponse<String> response = signIn("admin", "not-the-password");

    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("login.xhtml?failed=true"));
    assertThat(get(client, "/console/index.xhtml").statusCode()).isEqualTo(302);
  }

  @Test
  void afterSigningInTheStatusPageShowsVersionDatabaseMigrationAndHealth() throws Exception {
    get(client, "/console/");
    HttpResponse<String> signedIn = signIn("admin", SwitchboardServer.adminPassword());
    assertThat(signedIn.statusCode()).isEqualTo(302);

    HttpResponse<String> page = get(client, "/console/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"signed-in-user\">admin<")
        .containsPattern("id=\"version\">\\d+\\.\\d+\\.\\d+")
        .contains("id=\"database-kind\">" + SwitchboardServer.EXPECTED_DATABASE + "<")
        .contains("id=\"migration-version\">" + SwitchboardServer.latestMigrationVersion() + "<")
        .containsPattern("id=\"health\"[^>]*ui-tag-success[^>]*><span class=\"ui-tag-value\">UP<");
  }

  private HttpResponse<String> signIn(String user, String password) throws Exception {
    String form =
        "j_username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&j_password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(uri("/console/j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
