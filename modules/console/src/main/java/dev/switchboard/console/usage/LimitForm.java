package dev.switchboard.console.usage;

import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.usage.LimitDraft;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageLimit;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of an integration's token limit, as the Limits page and the wizard's "Token usage
 * limit" step show them. It only carries what the admin typed: {@link UsageAdmin#saveLimit}
 * (through {@link LimitDraft#validated}) decides what is valid, and its refusal shows next to the
 * field of the same name.
 */
public class LimitForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The thresholds offered as checkboxes; others are typed as custom percentages. */
  public static final List<Integer> PREDEFINED = LimitDraft.DEFAULT_THRESHOLDS;

  private Long maxTokens;
  private Integer cycleDays = 30;
  private LocalDate startDate;
  private boolean enforcing;
  private boolean notifications = true;
  private List<String> thresholds = new ArrayList<>(List.of("50", "75", "90", "100"));
  private String customThresholds;
  private String recipients;

  /** Shows a saved limit. */
  public void fill(UsageLimit l) {
    maxTokens = l.maxTokens();
    cycleDays = l.cycleDays();
    startDate = l.startDate();
    enforcing = l.enforcing();
    notifications = l.notifications();
    thresholds = new ArrayList<>();
    List<String> custom = new ArrayList<>();
    for (Integer t : l.thresholds()) {
      (PREDEFINED.contains(t) ? thresholds : custom).add(String.valueOf(t));
    }
    customThresholds = String.join(", ", custom);
    recipients = String.join("\n", l.recipients());
  }

  /** Back to an empty form with the service's defaults. */
  public void clear() {
    LimitForm fresh = new LimitForm();
    maxTokens = fresh.maxTokens;
    cycleDays = fresh.cycleDays;
    startDate = fresh.startDate;
    enforcing = fresh.enforcing;
    notifications = fresh.notifications;
    thresholds = fresh.thresholds;
    customThresholds = fresh.customThresholds;
    recipients = fresh.recipients;
  }

  /**
   * Saves the limit through the service.
   *
   * @param form the client id of the form holding the fields, for messages next to them
   * @return the saved limit, or null when the service refused it (the message is shown)
   */
  public UsageLimit save(UsageAdmin usage, Caller caller, String integrationId, String form) {
    if (!caller.admin()) {
      Messages.error("Only admins set token limits");
      return null;
    }
    List<Integer> all = new ArrayList<>();
    for (String t : thresholds == null ? List.<String>of() : thresholds) {
      all.add(Integer.valueOf(t));
    }
    for (String t : split(customThresholds)) {
      try {
        all.add(Integer.valueOf(t.endsWith("%") ? t.substring(0, t.length() - 1) : t));
      } catch (NumberFormatException e) {
        Messages.invalid(
            form,
            new InvalidRequestException(
                "customThresholds", "'" + t + "' is not a percentage between 1 and 100"));
        return null;
      }
    }
    try {
      return usage.saveLimit(
          caller,
          integrationId,
          new LimitDraft(
              maxTokens, cycleDays, startDate, enforcing, notifications, all, split(recipients)));
    } catch (InvalidRequestException e) {
      Messages.invalid(form, e);
      return null;
    }
  }

  private static List<String> split(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  public List<Integer> getPredefined() {
    return PREDEFINED;
  }

  public Long getMaxTokens() {
    return maxTokens;
  }

  public void setMaxTokens(Long maxTokens) {
    this.maxTokens = maxTokens;
  }

  public Integer getCycleDays() {
    return cycleDays;
  }

  public void setCycleDays(Integer cycleDays) {
    this.cycleDays = cycleDays;
  }

  public LocalDate getStartDate() {
    return startDate;
  }

  public void setStartDate(LocalDate startDate) {
    this.startDate = startDate;
  }

  public boolean isEnforcing() {
    return enforcing;
  }

  public void setEnforcing(boolean enforcing) {
    this.enforcing = enforcing;
  }

  public boolean isNotifications() {
    return notifications;
  }

  public void setNotifications(boolean notifications) {
    this.notifications = notifications;
  }

  public List<String> getThresholds() {
    return thresholds;
  }

  public void setThresholds(List<String> thresholds) {
    this.thresholds = thresholds;
  }

  public String getCustomThresholds() {
    return customThresholds;
  }

  public void setCustomThresholds(String customThresholds) {
    this.customThresholds = customThresholds;
  }

  public String getRecipients() {
    return recipients;
  }

  public void setRecipients(String recipients) {
    this.recipients = recipients;
  }
}
