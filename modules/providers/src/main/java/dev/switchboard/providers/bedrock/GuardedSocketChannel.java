package dev.switchboard.providers.bedrock;

import dev.switchboard.providers.net.AddressPolicy;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The netty client's connections (ConverseStream), through the network guard: the address netty
 * resolved is checked the moment it connects to it, so checking and connecting are one step and a
 * name cannot answer a public address to a check and a private one to the connection (DNS
 * rebinding). A refused address fails the connection with the guard's {@code ProviderException},
 * which {@link BedrockErrors} finds in the cause chain. The Apache client's counterpart is {@link
 * GuardedDns}.
 */
final class GuardedSocketChannel extends NioSocketChannel {

  private final AddressPolicy policy;

  GuardedSocketChannel(AddressPolicy policy) {
    this.policy = policy;
  }

  @Override
  protected boolean doConnect(SocketAddress remote, SocketAddress local) throws Exception {
    if (!(remote instanceof InetSocketAddress address) || address.isUnresolved()) {
      throw new ConnectException("refusing to connect to an unresolved address: " + remote);
    }
    policy.check(address.getAddress());
    return super.doConnect(remote, local);
  }
}
