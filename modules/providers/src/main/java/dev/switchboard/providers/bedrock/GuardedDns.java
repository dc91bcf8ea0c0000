package dev.switchboard.providers.bedrock;

import dev.switchboard.providers.net.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import org.apache.http.conn.DnsResolver;

/**
 * The Apache client's name resolution, through the network guard: the client connects only to the
 * address {@link AddressPolicy#resolve} checked, so a name cannot answer a public address to the
 * check and a private one to the connection (DNS rebinding). A refused host fails the call with the
 * guard's {@code ProviderException}, which {@link BedrockErrors} finds in the cause chain.
 */
record GuardedDns(AddressPolicy policy) implements DnsResolver {

  @Override
  public InetAddress[] resolve(String host) {
    String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return new InetAddress[] {policy.resolve(URI.create("https://" + authority))};
  }
}
