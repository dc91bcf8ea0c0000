package dev.switchboard.usage;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Sends plain-text mail through Jakarta Mail with the configured SMTP server. */
public final class SmtpMailer {

  private final MailSettings settings;
  private final Session session;

  public SmtpMailer(MailSettings settings) {
    this.settings = settings;
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", settings.host() == null ? "" : settings.host());
    p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    p.setProperty("mail.smtp.connectiontimeout", Integer.toString(settings.timeoutMillis()));
    p.setProperty("mail.smtp.timeout", Integer.toString(settings.timeoutMillis()));
    p.setProperty("mail.smtp.writetimeout", Integer.toString(settings.timeoutMillis()));
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    boolean auth = settings.username() != null && !settings.username().isBlank();
    p.setProperty("mail.smtp.auth", Boolean.toString(auth));
    session =
        auth
            ? Session.getInstance(
                p,
                new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.username(), settings.password());
                  }
                })
            : Session.getInstance(p);
  }

  public boolean configured() {
    return settings.configured();
  }

  public void send(List<String> recipients, String subject, String body) throws MessagingException {
    if (!settings.configured()) {
      throw new MessagingException("no SMTP host is configured (switchboard.mail.host)");
    }
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(settings.from()));
    InternetAddress[] to = new InternetAddress[recipients.size()];
    for (int i = 0; i < to.length; i++) {
      to[i] = new InternetAddress(recipients.get(i));
    }
    m.setRecipients(Message.RecipientType.TO, to);
    m.setSubject(subject, StandardCharsets.UTF_8.name());
    m.setText(body, StandardCharsets.UTF_8.name());
    m.setSentDate(new Date());
    Transport.send(m);
  }
}
