package dev.switchboard.providers.auth;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JVM's Kerberos configuration. The JDK keeps one krb5.conf for the whole process ({@code
 * sun.security.krb5.Config}, named by {@code java.security.krb5.conf}, reloaded only by a login
 * with {@code refreshKrb5Config}): a login cannot be given a configuration of its own, and both the
 * login (AS exchange) and each new service ticket (TGS exchange, inside JGSS) look the realm's KDC
 * up there.
 *
 * <p>So each use of a realm takes a <em>lease</em> on the realm's entry: while any lease is held
 * the entry cannot change, and holders that need another KDC (or timeout) for the same realm name
 * wait until the entry is free, bounded by their deadline. Profiles of different realms, and
 * profiles of one realm with the same KDC, never wait for each other; two profiles that give one
 * realm name different KDCs take turns. The file holds each KDC as the address the network guard
 * checked (no second DNS lookup by the JDK), TCP only, no DNS lookups of KDCs or realms, and a
 * short {@code kdc_timeout} with one try, which bounds each exchange. The file is replaced
 * atomically, so a reload never reads half of it; a lease on an entry written after the last reload
 * asks its holder to log in with a reload ({@link Lease#stale()}).
 *
 * <p>When the operator started the server with their own {@code java.security.krb5.conf} (or {@code
 * java.security.krb5.kdc}), that configuration is trusted and left alone; no profile may then name
 * a KDC of its own.
 */
final class KerberosConfig {

  static final String PROPERTY = "java.security.krb5.conf";

  private static final Pattern REALM = Pattern.compile("[A-Z0-9][A-Z0-9.-]{0,199}");
  private static final Pattern KDC = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[0-9.]+):[0-9]{1,5}");

  private static final KerberosConfig SHARED = new KerberosConfig();

  /** One realm's entry: its KDC (address:port) and timeout, and how many use it now. */
  private static final class Entry {
    String kdc;
    long timeoutMs;
    long written;
    int holders;
  }

  private final Map<String, Entry> realms = new TreeMap<>();
  private volatile Path file;
  private long generation;
  private long loaded = -1;

  private KerberosConfig() {}

  static KerberosConfig shared() {
    return SHARED;
  }

  /**
   * The operator's own configuration (a file, or the KDC property), or {@code null} when there is
   * none and we write ours.
   */
  String operatorConfig() {
    String conf = System.getProperty(PROPERTY);
    Path ours = file;
    if (conf != null && (ours == null || !ours.toString().equals(conf))) {
      return conf;
    }
    String kdc = System.getProperty("java.security.krb5.kdc");
    return kdc == null ? null : "java.security.krb5.kdc=" + kdc;
  }

  /**
   * Takes a lease on {@code realm} served by {@code kdc}, waiting while other holders use the realm
   * with another KDC or timeout.
   *
   * @param kdc the checked address and port, {@code 192.0.2.7:88} or {@code [2001:db8::7]:88}
   * @throws ProviderException {@code UNAVAILABLE} when the realm stays busy until the deadline
   */
  Lease acquire(String realm, String kdc, Duration timeout, Duration wait) {
    if (!REALM.matcher(realm).matches() || !KDC.matcher(kdc).matches()) {
      throw new IllegalArgumentException("not a realm and KDC address: " + realm + ", " + kdc);
    }
    long timeoutMs = Math.max(1, timeout.toMillis());
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      while (true) {
        Entry e = realms.get(realm);
        if (e == null) {
          e = new Entry();
          realms.put(realm, e);
          set(e, kdc, timeoutMs);
        } else if (!e.kdc.equals(kdc) || e.timeoutMs != timeoutMs) {
          if (e.holders > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw busy(realm);
            }
            try {
              wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
              throw busy(realm);
            }
            continue;
          }
          set(e, kdc, timeoutMs);
        }
        e.holders++;
        return new Lease(realm);
      }
    }
  }

  private void set(Entry e, String kdc, long timeoutMs) {
    e.kdc = kdc;
    e.timeoutMs = timeoutMs;
    e.written = ++generation;
    write();
  }

  private synchronized void release(String realm) {
    Entry e = realms.get(realm);
    e.holders--;
    notifyAll();
  }

  private synchronized boolean stale(String realm) {
    return realms.get(realm).written > loaded;
  }

  private synchronized long generation() {
    return generation;
  }

  private synchronized void loaded(long at) {
    loaded = Math.max(loaded, at);
  }

  /** Nothing holds any realm: for tests. */
  synchronized boolean idle() {
    return realms.values().stream().allMatch(e -> e.holders == 0);
  }

  /**
   * The use of one realm entry; close it when the exchanges with the KDC are over. Not thread-safe:
   * one holder.
   */
  final class Lease implements AutoCloseable {
    private final String realm;
    private boolean closed;

    private Lease(String realm) {
      this.realm = realm;
    }

    /** Whether the JDK's loaded configuration may predate this realm's entry: log in again. */
    boolean stale() {
      return KerberosConfig.this.stale(realm);
    }

    /** The generation to report to {@link #loaded(long)} after a login that reloads. */
    long generation() {
      return KerberosConfig.this.generation();
    }

    /** A login reloaded the configuration as it was at {@code generation} (or later). */
    void loaded(long generation) {
      KerberosConfig.this.loaded(generation);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(realm);
      }
    }
  }

  private static ProviderException busy(String realm) {
    return ProviderException.builder(
            ErrorCategory.UNAVAILABLE,
            "the Kerberos realm "
                + realm
                + " is in use by another auth profile with another KDC; try again")
        .provider("spnego")
        .providerCode("kerberos_realm_busy")
        .retryable(true)
        .build();
  }

  private void write() {
    StringBuilder conf = new StringBuilder();
    conf.append("[libdefaults]\n")
        .append("  default_realm = ")
        .append(realms.keySet().iterator().next())
        .append('\n')
        .append("  udp_preference_limit = 1\n")
        .append("  dns_lookup_kdc = false\n")
        .append("  dns_lookup_realm = false\n")
        .append("  dns_canonicalize_hostname = false\n")
        .append("  rdns = false\n")
        .append("  max_retries = 1\n")
        .append("[realms]\n");
    realms.forEach(
        (realm, e) ->
            conf.append("  ")
                .append(realm)
                .append(" = {\n    kdc = ")
                .append(e.kdc)
                .append("\n    kdc_timeout = ")
                .append(e.timeoutMs)
                .append("\n    max_retries = 1\n  }\n"));
    try {
      if (file == null) {
        file = Files.createTempFile("switchboard-krb5-", ".conf");
        owned(file);
        file.toFile().deleteOnExit();
      }
      // written beside it, then moved over it: a reload reads the old file or the new one
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.deleteIfExists(next);
      Files.createFile(next);
      owned(next);
      Files.writeString(next, conf, StandardCharsets.UTF_8);
      try {
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
      }
      System.setProperty(PROPERTY, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kerberos configuration", e);
    }
  }

  private static void owned(Path f) throws IOException {
    try {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the default permissions stay
    }
  }
}
