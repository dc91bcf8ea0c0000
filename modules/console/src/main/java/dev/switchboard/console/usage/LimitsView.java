package dev.switchboard.console.usage;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.usage.Notification;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageLimit;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Limits and alerts of one integration at a time: its token limit (admins edit it, users see their
 * integrations' limits), the current cycle's usage, and the notification log with delivery status.
 * Everything goes through {@link UsageAdmin}, as {@code /api/v1/integrations/{id}/limit} does.
 */
@Named
@ViewScoped
public class LimitsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UsageAdmin usage;
  @Inject Integrations integrations;
  @Inject ConsoleCaller callers;

  private List<IntegrationView> choices;
  private String integrationId;
  private final LimitForm form = new LimitForm();
  private UsageAdmin.LimitView current;
  private List<Notification> log = List.of();

  @PostConstruct
  void load() {
    choices = integrations.list(callers.caller());
    if (!choices.isEmpty()) {
      integrationId = choices.get(0).id();
      select();
    }
  }

  /** Shows the chosen integration's limit and log. */
  public void select() {
    Caller c = callers.caller();
    if (integrationId == null || integrationId.isBlank()) {
      current = null;
      log = List.of();
      return;
    }
    current = usage.limit(c, integrationId).orElse(null);
    if (current == null) {
      form.clear();
    } else {
      form.fill(current.limit());
    }
    log = usage.notifications(c, integrationId, 50);
  }

  public void save() {
    UsageLimit saved = form.save(usage, callers.caller(), integrationId, "limit");
    if (saved != null) {
      Messages.info(
          "Limit saved: "
              + saved.maxTokens()
              + " tokens every "
              + saved.cycleDays()
              + " days, "
              + (saved.enforcing() ? "enforced" : "notify only"));
      select();
    }
  }

  public void delete() {
    Caller c = callers.caller();
    if (!c.admin()) {
      Messages.error("Only admins remove token limits");
      return;
    }
    if (usage.deleteLimit(c, integrationId)) {
      Messages.info("Limit removed: the integration has no token limit now");
    }
    select();
  }

  public String integrationName(String id) {
    return choices.stream()
        .filter(i -> i.id().equals(id))
        .map(IntegrationView::name)
        .findFirst()
        .orElse(id);
  }

  public List<IntegrationView> getChoices() {
    return choices;
  }

  public String getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(String integrationId) {
    this.integrationId = integrationId;
  }

  public LimitForm getForm() {
    return form;
  }

  public UsageAdmin.LimitView getCurrent() {
    return current;
  }

  public List<Notification> getLog() {
    return log;
  }
}
