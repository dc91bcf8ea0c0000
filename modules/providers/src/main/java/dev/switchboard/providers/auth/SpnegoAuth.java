package dev.switchboard.providers.auth;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.net.AddressPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
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
 *
 * <p>The KDC is under the same network guard as every provider call: its name is resolved and
 * checked by the {@link AddressPolicy}, and the JDK is given the checked address, never the name.
 * Realm and KDC reach the JDK through {@link KerberosConfig}'s leases, so another profile's KDC for
 * the same realm name is never used for this profile's exchanges. Each exchange with the KDC is
 * bounded ({@code kdc_timeout}, one try); logins of one profile run one at a time, other profiles'
 * logins do not wait for it.
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

  /** How long one exchange with a KDC may take when the profile does not say. */
  public static final Duration DEFAULT_KDC_TIMEOUT = Duration.ofSeconds(5);

  private final Settings settings;
  private final AddressPolicy policy;
  private final Duration kdcTimeout;
  private final ReentrantLock login = new ReentrantLock();
  private final Object use = new Object();
  private volatile Subject subject;
  private int inUse;
  private boolean closed;

  /** A principal whose KDC must pass {@code policy}, with the default KDC timeout. */
  public SpnegoAuth(Settings settings, AddressPolicy policy) {
    this(settings, policy, DEFAULT_KDC_TIMEOUT);
  }

  /**
   * A principal whose KDC must pass {@code policy}.
   *
   * @param kdcTimeout how long one exchange with the KDC (connect, then the reply) may take; a
   *     login is at most three exchanges, and every wait for this profile's login or its realm is
   *     bounded by three of them too
   */
  public SpnegoAuth(Settings settings, AddressPolicy policy, Duration kdcTimeout) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.kdcTimeout = Objects.requireNonNull(kdcTimeout, "kdcTimeout");
  }

  @Override
  public Map<String, String> headers(URI target) {
    String service = "HTTP/" + target.getHost() + "@" + settings.realm();
    synchronized (use) {
      inUse++;
    }
    try (KerberosConfig.Lease lease = lease()) {
      Subject s = subject(lease);
      byte[] token = Subject.doAs(s, (PrivilegedExceptionAction<byte[]>) () -> initiate(service));
      return Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token));
    } catch (PrivilegedActionException e) {
      throw failed("no SPNEGO token for " + service, e.getCause());
    } finally {
      Subject retired = null;
      synchronized (use) {
        if (--inUse == 0 && closed) {
          retired = subject;
          subject = null;
        }
      }
      destroy(retired);
    }
  }

  @Override
  public boolean renewAfterUnauthorized() {
    subject = null;
    return true;
  }

  /**
   * Destroys the tickets of the login kept. A call after this logs in again and keeps nothing; a
   * call under way finishes first.
   */
  @Override
  public void close() {
    Subject retired = null;
    synchronized (use) {
      closed = true;
      if (inUse == 0) {
        retired = subject;
        subject = null;
      }
    }
    destroy(retired);
  }

  /** The login kept between calls, or {@code null}: for tests. */
  Subject kept() {
    return subject;
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

  /**
   * The lease on the realm's entry in the JVM's Kerberos configuration, with the KDC as the address
   * the network guard let through; {@code null} under the operator's own configuration.
   */
  private KerberosConfig.Lease lease() {
    KerberosConfig config = KerberosConfig.shared();
    boolean named = settings.kdc() != null && !settings.kdc().isBlank();
    if (config.operatorConfig() != null) {
      if (named) {
        throw misconfigured(
            "this server uses the operator's Kerberos configuration ("
                + config.operatorConfig()
                + "), so a profile cannot name its own KDC: leave kdc empty");
      }
      return null;
    }
    if (!named) {
      throw misconfigured(
          "the profile names no KDC and the server has no Kerberos configuration of its own"
              + " (java.security.krb5.conf): give the KDC as host or host:port");
    }
    return config.acquire(settings.realm(), pinned(settings.kdc().trim()), kdcTimeout, bound());
  }

  /** The KDC's address once the network guard has checked what its name resolves to. */
  private String pinned(String kdc) {
    String host = kdc;
    int port = 88;
    int colon = kdc.lastIndexOf(':');
    if (colon > 0 && kdc.indexOf(':') == colon) {
      host = kdc.substring(0, colon);
      try {
        port = Integer.parseInt(kdc.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (port < 1 || port > 65535 || host.isEmpty()) {
      throw misconfigured("the KDC must be host or host:port, not '" + kdc + "'");
    }
    InetAddress address;
    try {
      address = policy.resolve(new URI("http", null, host, port, "/", null, null));
    } catch (URISyntaxException e) {
      throw misconfigured("the KDC must be host or host:port, not '" + kdc + "'");
    } catch (ProviderException e) {
      throw ProviderException.builder(e.category(), "Kerberos KDC refused: " + e.getMessage())
          .provider("spnego")
          .providerCode(e.providerCode().orElse(null))
          .retryable(false)
          .build();
    }
    String shown = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int zone = shown.indexOf('%');
      shown = "[" + (zone < 0 ? shown : shown.substring(0, zone)) + "]";
    }
    return shown + ":" + port;
  }

  /** Every wait (for this profile's login, for the realm) lasts at most one login's worth. */
  private Duration bound() {
    return kdcTimeout.multipliedBy(3);
  }

  /** The logged-in subject, logging in again when its ticket is about to end. */
  private Subject subject(KerberosConfig.Lease lease) {
    try {
      if (!login.tryLock(bound().toMillis(), TimeUnit.MILLISECONDS)) {
        throw ProviderException.builder(
                ErrorCategory.UNAVAILABLE,
                "a Kerberos login of " + settings.principal() + " is still under way")
            .provider("spnego")
            .providerCode("kdc_unreachable")
            .retryable(true)
            .build();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted while waiting for the Kerberos login", e);
    }
    try {
      Subject s = subject;
      boolean reload = lease == null ? s == null : lease.stale();
      if (s != null && fresh(s) && !reload) {
        return s;
      }
      long generation = lease == null ? 0 : lease.generation();
      s = logIn(reload);
      if (lease != null && reload) {
        lease.loaded(generation);
      }
      subject = s;
      return s;
    } finally {
      login.unlock();
    }
  }

  private Subject logIn(boolean reload) {
    Path keytab = null;
    try {
      Map<String, String> options = new HashMap<>();
      options.put("principal", settings.principal());
      options.put("isInitiator", "true");
      options.put("storeKey", "false");
      options.put("refreshKrb5Config", String.valueOf(reload));
      if (settings.keytab() != null) {
        keytab = writeKeytab(settings.keytab());
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab.toString());
        options.put("doNotPrompt", "true");
      }
      LoginContext context =
          new LoginContext("switchboard-spnego", new Subject(), this::answer, config(options));
      context.login();
      return context.getSubject();
    } catch (LoginException e) {
      throw failed("Kerberos login of " + settings.principal() + " failed", e);
    } catch (IOException e) {
      throw failed("cannot stage the keytab", e);
    } finally {
      delete(keytab);
    }
  }

  /** Destroys the tickets (and any key) a login put in the subject. */
  private static void destroy(Subject s) {
    if (s == null) {
      return;
    }
    for (Destroyable d : s.getPrivateCredentials(Destroyable.class)) {
      try {
        d.destroy();
      } catch (DestroyFailedException e) {
        // a credential that cannot be destroyed is still dropped with the subject
      }
    }
    s.getPrivateCredentials().clear();
  }

  private static ProviderException misconfigured(String message) {
    return ProviderException.builder(ErrorCategory.BAD_REQUEST, message)
        .provider("spnego")
        .providerCode("kerberos_config")
        .retryable(false)
        .build();
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
    if (unreachable(cause)) {
      return ProviderException.builder(
              ErrorCategory.UNAVAILABLE,
              message + ": the KDC did not answer in time or refused the connection")
          .provider("spnego")
          .providerCode("kdc_unreachable")
          .retryable(true)
          .cause(cause)
          .build();
    }
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

  /** A KDC that timed out or refused the connection: not a verdict on the credentials. */
  private static boolean unreachable(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof ConnectException) {
        return true;
      }
    }
    return false;
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
