package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.get;
import static dev.switchboard.app.SwitchboardServer.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.AdminApi.Reply;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Accounts are disabled, demoted and deleted by admins (issue 14 item 6: an account that cannot be
 * found is refused, never given the "default" workspace). The admin API asks the account store on
 * every request; the console signs people in once and keeps them signed in, so a changed account
 * must lose its console session on its next request, page or AJAX.
 */
class AccountLifecycleIT {

  private final AdminApi admin = AdminApi.admin();

  @Test
  void aDisabledAccountLosesItsConsoleSessionAndTheApiAtOnceAndComesBackWhenEnabled()
      throws Exception {
    String name = "life-" + suffix();
    AdminApi member = AdminApi.newUser(name, name);
    HttpClient console = SwitchboardServer.client();
    signIn(console, name, password(name));
    assertThat(get(console, "/console/").body()).contains("id=\"signed-in-user\">" + name + "<");
    assertThat(member.get("/api/v1/integrations").status()).isEqualTo(200);

    Reply disabled = admin.send("PUT", "/api/v1/accounts/" + name, "{\"enabled\":false}");

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    HttpResponse<String> next = get(console, "/console/integrations.xhtml");
    assertThat(next.statusCode()).as("the session ends: sent to sign in").isEqualTo(302);
    assertThat(next.body()).doesNotContain(name);
    assertThat(get(console, "/console/").headers().firstValue("Location"))
        .as("signed out for good, not only for one page")
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));
    assertThat(member.get("/api/v1/integrations").status()).isEqualTo(401);
    assertThat(
            signIn(SwitchboardServer.client(), name, password(name))
                .headers()
                .firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("login.xhtml?failed=true"));

    assertThat(admin.send("PUT", "/api/v1/accounts/" + name, "{\"enabled\":true}").status())
        .isEqualTo(200);
    HttpClient again = SwitchboardServer.client();
    signIn(again, name, password(name));
    assertThat(get(again, "/console/").body()).contains("id=\"signed-in-user\">" + name + "<");
    assertThat(member.get("/api/v1/integrations").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/audit?objectType=account&objectId=" + name).body())
        .contains("\"action\":\"account.updated\"")
        .contains("\"actor\":\"admin\"");
  }

  @Test
  void aDemotedAdminLosesTheAdminPagesOnItsNextRequestAjaxIncluded() throws Exception {
    String name = "demoted-" + suffix();
    create(name, "[\"admin\"]");
    HttpClient console = SwitchboardServer.client();
    signIn(console, name, password(name));
    assertThat(get(console, "/console/admin/audit.xhtml").statusCode()).isEqualTo(200);
    AdminApi asAdmin = new AdminApi(name, password(name));
    assertThat(asAdmin.get("/api/v1/accounts").status()).isEqualTo(200);

    assertThat(admin.send("PUT", "/api/v1/accounts/" + name, "{\"roles\":[\"user\"]}").status())
        .isEqualTo(200);

    // a JSF AJAX request gets the redirect as a partial response, which the page follows
    HttpResponse<String> ajax =
        console.send(
            HttpRequest.newBuilder(uri("/console/admin/audit.xhtml"))
                .timeout(Duration.ofSeconds(30))
                .header("Faces-Request", "partial/ajax")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ajax.statusCode()).isEqualTo(200);
    assertThat(ajax.body()).contains("<partial-response><redirect url=\"/console/\"/>");
    assertThat(get(console, "/console/admin/audit.xhtml").statusCode())
        .as("the admin session is gone")
        .isEqualTo(302);
    assertThat(asAdmin.get("/api/v1/accounts").status()).isEqualTo(403);
    HttpClient asUser = SwitchboardServer.client();
    signIn(asUser, name, password(name));
    assertThat(get(asUser, "/console/").statusCode()).isEqualTo(200);
    assertThat(get(asUser, "/console/admin/audit.xhtml").statusCode()).isEqualTo(403);
  }

  @Test
  void aDeletedAccountIsRefusedEverywhereAndItsKeysGoWhenAsked() throws Exception {
    String name = "gone-" + suffix();
    AdminApi member = AdminApi.newUser(name, name);
    String key = member.post("/api/v1/api-keys", "{\"name\":\"app\"}").json().get("key").asText();
    String second =
        member.post("/api/v1/api-keys", "{\"name\":\"second\"}").json().get("key").asText();
    assertThat(models(key)).isEqualTo(200);
    HttpClient console = SwitchboardServer.client();
    signIn(console, name, password(name));

    assertThat(admin.send("DELETE", "/api/v1/accounts/" + name + "?revokeKeys=true", null).status())
        .isEqualTo(204);

    assertThat(get(console, "/console/keys.xhtml").statusCode()).isEqualTo(302);
    assertThat(member.get("/api/v1/api-keys").status()).isEqualTo(401);
    assertThat(models(key)).as("its keys were revoked with it").isEqualTo(401);
    assertThat(models(second)).isEqualTo(401);
    assertThat(admin.get("/api/v1/accounts").body()).doesNotContain("\"" + name + "\"");
    assertThat(admin.send("DELETE", "/api/v1/accounts/" + name, null).status()).isEqualTo(404);
    assertThat(admin.send("PUT", "/api/v1/accounts/" + name, "{\"enabled\":true}").status())
        .isEqualTo(404);
    assertThat(admin.get("/api/v1/audit?objectType=account&objectId=" + name).body())
        .contains("\"action\":\"account.deleted\"");

    String other = "stays-" + suffix();
    AdminApi keeper = AdminApi.newUser(other, other);
    String workspaceKey =
        keeper.post("/api/v1/api-keys", "{\"name\":\"app\"}").json().get("key").asText();
    assertThat(admin.send("DELETE", "/api/v1/accounts/" + other, null).status()).isEqualTo(204);
    assertThat(models(workspaceKey))
        .as("without revokeKeys the workspace's keys keep working")
        .isEqualTo(200);
  }

  @Test
  void noOneLocksThemselvesOutAndBadChangesAreRefusedWithTheField() {
    Reply self = admin.send("PUT", "/api/v1/accounts/admin", "{\"enabled\":false}");
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.json().at("/error/field").asText()).isEqualTo("enabled");
    Reply demoteSelf = admin.send("PUT", "/api/v1/accounts/admin", "{\"roles\":[\"user\"]}");
    assertThat(demoteSelf.status()).isEqualTo(400);
    assertThat(demoteSelf.json().at("/error/field").asText()).isEqualTo("roles");
    assertThat(admin.send("DELETE", "/api/v1/accounts/admin", null).status()).isEqualTo(400);

    String name = "bad-" + suffix();
    AdminApi member = AdminApi.newUser(name, name);
    Reply root = admin.send("PUT", "/api/v1/accounts/" + name, "{\"roles\":[\"root\"]}");
    assertThat(root.status()).isEqualTo(400);
    assertThat(root.json().at("/error/field").asText()).isEqualTo("roles");
    assertThat(admin.send("PUT", "/api/v1/accounts/" + name, "{}").status()).isEqualTo(400);
    assertThat(admin.send("PUT", "/api/v1/accounts/" + name, "{\"roles\":[]}").status())
        .isEqualTo(400);
    assertThat(member.send("PUT", "/api/v1/accounts/" + name, "{\"roles\":[\"admin\"]}").status())
        .as("members change no accounts, their own included")
        .isEqualTo(403);
    assertThat(member.send("DELETE", "/api/v1/accounts/" + name, null).status()).isEqualTo(403);
    assertThat(member.get("/api/v1/integrations").status()).as("nothing changed").isEqualTo(200);
  }

  private void create(String name, String roles) {
    Reply r =
        admin.post(
            "/api/v1/accounts",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + password(name)
                + "\",\"roles\":"
                + roles
                + ",\"workspace\":\""
                + name
                + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** The password {@link AdminApi#newUser} gives. */
  private static String password(String name) {
    return "pw-" + name + "-0123456789";
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static int models(String key) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri("/v1/models"))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static HttpResponse<String> signIn(HttpClient client, String user, String password)
      throws Exception {
    get(client, "/console/");
    String form =
        "j_username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&j_password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return client.send(
        HttpRequest.newBuilder(uri("/console/j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
