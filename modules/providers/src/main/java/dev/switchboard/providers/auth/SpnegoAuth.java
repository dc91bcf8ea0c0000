package dev.switchboard.providers.auth;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Kerberos SPNEGO (RFC 4559): the principal logs in to its KDC (with a keytab or a password, the
 * JDK's {@code Krb5LoginModule}), and each call carries {@code Authorization: Negotiate <token>}, a
 * SPNEGO token JGSS builds for the service {@code HTTP/<endpoint host>@<realm>}. The login (the
 * ticket-granting ticket) is kept until shortly before its end; a 401 forces a new login. Only the
 * JDK's {@code java.security.jgss} is used.
 */
public final class SpnegoAuth implements RequestAuth {

  private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
  private static final Oid KRB5_PRINCIPAL = oid("1.2.840.113554.1.2.2.1");
  private static final long RENEW_BEFORE_END_MS = 60_000;

  /**
   * The principal's settings.
   *
   * @param principal e.g. {@code svc-switchboard@EXAMPLE.COM}; a name without a realm gets {@code
   *     realm}
   * @param keytab the keytab's bytes, or {@code null} to log in with the password
   * @param password the password, or {@code null} with a keytab
   * @param realm the Kerberos realm, e.g. {@code EXAMPLE.COM}
   * @param kdc the realm's KDC as {@code host[:port]}, or {@code null} to rely on the JVM's
   *     Kerberos configuration
   */
  public record Settings(
      String principal, byte[] keytab, String password, String realm, String kdc) {
    public Settings {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(realm, "realm");
      if (keytab == null && password == null) {
        throw new IllegalArgumentException("a keytab or a password is required");
      }
      principal = principal.contains("@") ? principal : principal + "@" + realm;
    }

    @Override
    public String toString() {
      return "Settings[principal=" + principal + ", realm=" + realm + ", kdc=" + kdc + "]";
    }
  }

  private final Settings settings;
  private Subject subject;

  public SpnegoAuth(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Map<String, String> headers(URI target) {
    Subject s = login();
    String service = "HTTP/" + target.getHost() + "@" + settings.realm();
    try {
      byte[] token = Subject.doAs(s, (PrivilegedExceptionAction<byte[]>) () -> initiate(service));
      return Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token));
    } catch (PrivilegedActionException e) {
      throw failed("no SPNEGO token for " + service, e.getCause());
    }
  }

  @Override
  public synchronized boolean renewAfterUnauthorized() {
    subject = null;
    return true;
  }

  private static byte[] initiate(String service) throws GSSException {
    GSSManager manager = GSSManager.getInstance();
    GSSName name = manager.createName(service, KRB5_PRINCIPAL);
    GSSContext context = manager.createContext(name, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
    try {
      context.requestMutualAuth(false);
      context.requestCredDeleg(false);
      return context.initSecContext(new byte[0], 0, 0);
    } finally {
      context.dispose();
    }
  }

  /** The logged-in subject, logging in again when its ticket is about to end. */
  private synchronized Subject login() {
    if (subject != null && fresh(subject)) {
      return subject;
    }
    boolean refresh = KerberosConfig.register(settings.realm(), settings.kdc());
    Path keytab = null;
    try {
      Map<String, String> options = new HashMap<>();
      options.put("principal", settings.principal());
      options.put("isInitiator", "true");
      options.put("storeKey", "false");
      options.put("refreshKrb5Config", String.valueOf(refresh || subject == null));
      if (settings.keytab() != null) {
        keytab = writeKeytab(settings.keytab());
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab.toString());
        options.put("doNotPrompt", "true");
      }
      LoginContext context =
          new LoginContext("switchboard-spnego", new Subject(), this::answer, config(options));
      context.login();
      subject = context.getSubject();
      return subject;
    } catch (LoginException e) {
      throw failed("Kerberos login of " + settings.principal() + " failed", e);
    } catch (IOException e) {
      throw failed("cannot stage the keytab", e);
    } finally {
      delete(keytab);
    }
  }

  private static boolean fresh(Subject s) {
    return s.getPrivateCredentials(KerberosTicket.class).stream()
        .filter(t -> t.getServer().getName().startsWith("krbtgt/"))
        .anyMatch(
            t ->
                t.isCurrent()
                    && t.getEndTime().getTime() - System.currentTimeMillis() > RENEW_BEFORE_END_MS);
  }

  private void answer(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback c : callbacks) {
      if (c instanceof NameCallback name) {
        name.setName(settings.principal());
      } else if (c instanceof PasswordCallback password && settings.password() != null) {
        password.setPassword(settings.password().toCharArray());
      } else {
        throw new UnsupportedCallbackException(c);
      }
    }
  }

  private static Configuration config(Map<String, String> options) {
    AppConfigurationEntry entry =
        new AppConfigurationEntry(
            "com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
            options);
    return new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {entry};
      }
    };
  }

  /** The JDK reads a keytab only from a file: one readable by us alone, deleted after login. */
  private static Path writeKeytab(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("switchboard-", ".keytab");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.write(file, bytes);
    return file;
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }

  private static ProviderException failed(String message, Throwable cause) {
    return ProviderException.builder(
            ErrorCategory.AUTHENTICATION,
            message
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()))
        .provider("spnego")
        .providerCode("kerberos_failed")
        .retryable(false)
        .cause(cause)
        .build();
  }

  private static Oid oid(String value) {
    try {
      return new Oid(value);
    } catch (GSSException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SpnegoAuth[" + settings + "]";
  }
}
