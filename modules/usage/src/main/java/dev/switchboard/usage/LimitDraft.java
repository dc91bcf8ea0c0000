package dev.switchboard.usage;

import dev.switchboard.integrations.InvalidRequestException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A limit as an admin sends it. Omitted fields take defaults: notify-only, notifications on, the
 * predefined thresholds 50/75/90/100, the schedule starting today.
 */
public record LimitDraft(
    Long maxTokens,
    Integer cycleDays,
    LocalDate startDate,
    Boolean enforcing,
    Boolean notifications,
    List<Integer> thresholds,
    List<String> recipients) {

  public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 75, 90, 100);
  public static final int MAX_THRESHOLDS = 5;

  /**
   * Checks the draft and fills defaults.
   *
   * @param today the current date (UTC)
   * @param keptStartDate the limit's current start date, which may stay in the past; null for new
   */
  public LimitDraft validated(LocalDate today, LocalDate keptStartDate) {
    if (maxTokens == null || maxTokens < 1) {
      throw new InvalidRequestException(
          "maxTokens", "maxTokens must be a positive number of tokens");
    }
    if (cycleDays == null || cycleDays < 1 || cycleDays > 90) {
      throw new InvalidRequestException("cycleDays", "cycleDays must be between 1 and 90");
    }
    LocalDate start =
        startDate == null ? (keptStartDate == null ? today : keptStartDate) : startDate;
    if (start.isBefore(today) && !start.equals(keptStartDate)) {
      throw new InvalidRequestException("startDate", "startDate must be today or later");
    }
    List<Integer> ts = thresholds == null || thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds;
    if (ts.size() > MAX_THRESHOLDS) {
      throw new InvalidRequestException("thresholds", "at most 5 thresholds");
    }
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer t : ts) {
      if (t == null || t < 1 || t > 100 || !sorted.add(t)) {
        throw new InvalidRequestException(
            "thresholds", "thresholds are distinct percentages between 1 and 100");
      }
    }
    List<String> mails = new ArrayList<>();
    for (String r : recipients == null ? List.<String>of() : recipients) {
      mails.add(address(r));
    }
    if (mails.size() > 20) {
      throw new InvalidRequestException("recipients", "at most 20 recipients");
    }
    boolean on = notifications == null || notifications;
    if (on && mails.isEmpty()) {
      throw new InvalidRequestException(
          "recipients", "notifications need at least one recipient (or notifications=false)");
    }
    return new LimitDraft(
        maxTokens,
        cycleDays,
        start,
        Boolean.TRUE.equals(enforcing),
        on,
        List.copyOf(sorted),
        List.copyOf(mails));
  }

  private static String address(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 254) {
      throw new InvalidRequestException("recipients", "a recipient is not an e-mail address");
    }
    try {
      InternetAddress a = new InternetAddress(raw.trim(), true);
      if (a.getPersonal() != null || !a.getAddress().contains("@")) {
        throw new AddressException("not a plain address");
      }
      return a.getAddress();
    } catch (AddressException e) {
      throw new InvalidRequestException(
          "recipients", "'" + raw.trim() + "' is not a valid e-mail address");
    }
  }
}
