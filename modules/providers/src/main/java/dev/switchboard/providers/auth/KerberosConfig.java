package dev.switchboard.providers.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's Kerberos configuration, which the JDK reads from one file for the whole process: when
 * the server was started without {@code java.security.krb5.conf}, the realms and KDCs of the auth
 * profiles are written to a file of our own, which the property then names; logins refresh it
 * ({@code refreshKrb5Config}). When an operator set the property to a file of theirs, it is left
 * alone and must list the realms. TCP is preferred (KDC replies often exceed a UDP datagram), and
 * host names are not canonicalized by DNS, since service names are built from the endpoint's host.
 */
final class KerberosConfig {

  static final String PROPERTY = "java.security.krb5.conf";

  private static final Map<String, String> REALMS = new TreeMap<>();
  private static Path file;

  private KerberosConfig() {}

  /**
   * Makes sure the realm's KDC is known.
   *
   * @return whether the configuration changed (the next login must refresh it)
   */
  static synchronized boolean register(String realm, String kdc) {
    if (kdc == null || kdc.isBlank()) {
      return false;
    }
    String current = System.getProperty(PROPERTY);
    if (current != null && (file == null || !Path.of(current).equals(file))) {
      return false;
    }
    if (kdc.equals(REALMS.get(realm))) {
      return false;
    }
    REALMS.put(realm, kdc);
    write(realm);
    return true;
  }

  private static void write(String defaultRealm) {
    StringBuilder conf = new StringBuilder();
    conf.append("[libdefaults]\n")
        .append("  default_realm = ")
        .append(defaultRealm)
        .append('\n')
        .append("  udp_preference_limit = 1\n")
        .append("  dns_canonicalize_hostname = false\n")
        .append("  rdns = false\n")
        .append("[realms]\n");
    REALMS.forEach(
        (realm, kdc) ->
            conf.append("  ")
                .append(realm)
                .append(" = {\n    kdc = ")
                .append(kdc)
                .append("\n  }\n"));
    try {
      if (file == null) {
        file = Files.createTempFile("switchboard-krb5-", ".conf");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the default permissions stay
        }
        file.toFile().deleteOnExit();
      }
      Files.writeString(
          file,
          conf,
          StandardCharsets.UTF_8,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      System.setProperty(PROPERTY, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kerberos configuration", e);
    }
  }
}
