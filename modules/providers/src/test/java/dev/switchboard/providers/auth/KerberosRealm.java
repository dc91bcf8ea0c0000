package dev.switchboard.providers.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * A real Kerberos realm for tests: an Apache Kerby KDC on a free TCP port with a client principal
 * (keytab and password) and the service {@code HTTP/localhost}, and a JDK HTTP server speaking the
 * custom endpoint's JSON that admits a call only when JGSS {@code acceptSecContext}, with the
 * service keytab Kerby exported, validates its {@code Negotiate} token. Every realm has the same
 * name and principals, with keys of its own: a ticket of one realm's KDC is worthless at another's.
 */
public final class KerberosRealm implements AutoCloseable {

  public static final String REALM = "SWITCHBOARD.TEST";
  public static final String CLIENT = "svc-switchboard@" + REALM;
  public static final String CLIENT_PASSWORD = "client-pw-9f3k";
  public static final String SERVICE = "HTTP/localhost@" + REALM;

  /** A second service of the realm, for tickets asked for after the login (TGS exchanges only). */
  public static final String OTHER_HOST = "other.switchboard.test";

  private final byte[] clientKeytab;
  private final String kdc;
  private final List<String> acceptedClients = new CopyOnWriteArrayList<>();
  private final SimpleKdcServer server;
  private final HttpServer http;
  private final Path serviceKeytab;
  private Subject serviceSubject;

  /** Starts the KDC and the endpoint, keeping the KDC's files in {@code dir}. */
  public KerberosRealm(Path dir) throws Exception {
    int port = freePort();
    // Kerby names a krb5.conf of its own in the JVM-wide property; the client side must not use it
    String jvmConfig = System.getProperty("java.security.krb5.conf");
    server = new SimpleKdcServer();
    server.setWorkDir(dir.toFile());
    server.setKdcRealm(REALM);
    server.setKdcHost("localhost");
    server.setAllowUdp(false);
    server.setAllowTcp(true);
    server.setKdcTcpPort(port);
    server.init();
    server.start();
    server.createPrincipal(CLIENT, CLIENT_PASSWORD);
    server.createPrincipal(SERVICE, "service-pw-unused");
    server.createPrincipal("HTTP/" + OTHER_HOST + "@" + REALM, "other-pw-unused");
    File clientFile = dir.resolve("client.keytab").toFile();
    server.exportPrincipal(CLIENT, clientFile);
    clientKeytab = Files.readAllBytes(clientFile.toPath());
    serviceKeytab = dir.resolve("service.keytab");
    server.exportPrincipal(SERVICE, serviceKeytab.toFile());
    kdc = "localhost:" + port;
    if (jvmConfig == null) {
      System.clearProperty("java.security.krb5.conf");
    } else {
      System.setProperty("java.security.krb5.conf", jvmConfig);
    }
    http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
    http.createContext("/generate", this::serve);
    http.start();
  }

  /** The client principal's keytab, as Kerby exported it. */
  public byte[] clientKeytab() {
    return clientKeytab.clone();
  }

  /** The KDC as {@code localhost:<port>} (TCP). */
  public String kdc() {
    return kdc;
  }

  /** The client principals whose tokens the endpoint accepted, in order. */
  public List<String> acceptedClients() {
    return List.copyOf(acceptedClients);
  }

  /** The custom endpoint's URL on {@code localhost}, whose service principal exists. */
  public String url() {
    return "http://localhost:" + http.getAddress().getPort() + "/generate";
  }

  /** The same endpoint by IP address: its service {@code HTTP/127.0.0.1} is unknown to the KDC. */
  public String urlByAddress() {
    return "http://"
        + http.getAddress().getAddress().getHostAddress()
        + ":"
        + http.getAddress().getPort()
        + "/generate";
  }

  private void serve(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String client = null;
    if (auth != null && auth.startsWith("Negotiate ")) {
      client = accept(Base64.getDecoder().decode(auth.substring(10).trim()));
    }
    if (client == null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Negotiate");
      send(exchange, 401, "{\"error\":{\"message\":\"kerberos authentication required\"}}");
      return;
    }
    acceptedClients.add(client);
    send(
        exchange,
        200,
        "{\"output\":{\"text\":\"hello "
            + client
            + "\",\"stop\":\"stop\"},\"meta\":{\"tokens_in\":2,\"tokens_out\":2}}");
  }

  /** The client's principal when its token is valid for our service, else null. */
  private synchronized String accept(byte[] token) {
    try {
      Subject subject = serviceSubject();
      return Subject.doAs(
          subject,
          (PrivilegedExceptionAction<String>)
              () -> {
                GSSManager manager = GSSManager.getInstance();
                Oid spnego = new Oid("1.3.6.1.5.5.2");
                GSSCredential creds =
                    manager.createCredential(
                        null, GSSCredential.INDEFINITE_LIFETIME, spnego, GSSCredential.ACCEPT_ONLY);
                GSSContext context = manager.createContext(creds);
                try {
                  context.acceptSecContext(token, 0, token.length);
                  return context.isEstablished() ? context.getSrcName().toString() : null;
                } finally {
                  context.dispose();
                }
              });
    } catch (Exception e) {
      return null;
    }
  }

  private Subject serviceSubject() throws Exception {
    if (serviceSubject == null) {
      Map<String, String> options =
          Map.of(
              "principal", SERVICE,
              "useKeyTab", "true",
              "keyTab", serviceKeytab.toString(),
              "storeKey", "true",
              "isInitiator", "false",
              "doNotPrompt", "true",
              "refreshKrb5Config", "false");
      AppConfigurationEntry entry =
          new AppConfigurationEntry(
              "com.sun.security.auth.module.Krb5LoginModule",
              AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
              options);
      LoginContext login =
          new LoginContext(
              "test-acceptor",
              new Subject(),
              callbacks -> {},
              new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                  return new AppConfigurationEntry[] {entry};
                }
              });
      login.login();
      serviceSubject = login.getSubject();
    }
    return serviceSubject;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    http.stop(0);
    server.stop();
  }
}
