package dev.switchboard.usage;

/**
 * SMTP settings, from the {@code switchboard.mail.*} configuration keys. Without a host, mail is
 * not sent: notifications stay pending in the log (and are sent once a host is configured).
 */
public record MailSettings(
    String host,
    int port,
    String from,
    String username,
    String password,
    boolean startTls,
    int timeoutMillis) {

  public boolean configured() {
    return host != null && !host.isBlank();
  }

  @Override
  public String toString() {
    return "MailSettings[" + host + ":" + port + ", from=" + from + ", user=" + username + "]";
  }
}
