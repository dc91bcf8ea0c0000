package dev.switchboard.console.keys;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.Caller;
import dev.switchboard.platform.apikeys.ApiKeyDraft;
import dev.switchboard.platform.apikeys.ApiKeyView;
import dev.switchboard.platform.apikeys.ApiKeys;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * Gateway API keys: created (the key shown once, in a pop-up), listed by their last four
 * characters, revoked. Users see their workspace's keys, admins all, as in the admin API.
 */
@Named
@ViewScoped
public class ApiKeysView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ApiKeys keys;
  @Inject ConsoleCaller callers;

  private List<ApiKeyView> rows;
  private String name;
  private String workspace;
  private LocalDate expires;
  private Integer requestsPerMinute;
  private Integer tokensPerMinute;
  private String createdKey;

  @PostConstruct
  void load() {
    Caller c = callers.caller();
    rows = keys.list(c.admin() ? null : c.workspace());
  }

  public void create() {
    Caller c = callers.caller();
    String ws = c.admin() && workspace != null && !workspace.isBlank() ? workspace : c.workspace();
    ApiKeyView k =
        keys.create(
            c.username(),
            ws,
            new ApiKeyDraft(
                name.trim(),
                ws,
                expires == null ? null : expires.atStartOfDay().toInstant(ZoneOffset.UTC),
                requestsPerMinute,
                tokensPerMinute));
    createdKey = k.key();
    Messages.info("API key " + k.name() + " created: copy it now, it is shown only once");
    name = null;
    workspace = null;
    expires = null;
    requestsPerMinute = null;
    tokensPerMinute = null;
    load();
    PrimeFaces.current().executeScript("PF('created').show()");
  }

  /** Forgets the key once its pop-up closes: it is never shown again. */
  public void forget() {
    createdKey = null;
  }

  public void revoke(String id) {
    Caller c = callers.caller();
    if (keys.revoke(c.username(), id, c.admin() ? null : c.workspace())) {
      Messages.info("API key revoked: requests with it fail from now on");
    } else {
      Messages.error("No such key");
    }
    load();
  }

  public LocalDate getTomorrow() {
    return LocalDate.now(ZoneOffset.UTC).plusDays(1);
  }

  public List<ApiKeyView> getRows() {
    return rows;
  }

  public String getCreatedKey() {
    return createdKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getWorkspace() {
    return workspace;
  }

  public void setWorkspace(String workspace) {
    this.workspace = workspace;
  }

  public LocalDate getExpires() {
    return expires;
  }

  public void setExpires(LocalDate expires) {
    this.expires = expires;
  }

  public Integer getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public void setRequestsPerMinute(Integer requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
  }

  public Integer getTokensPerMinute() {
    return tokensPerMinute;
  }

  public void setTokensPerMinute(Integer tokensPerMinute) {
    this.tokensPerMinute = tokensPerMinute;
  }
}
