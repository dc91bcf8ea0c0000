package dev.switchboard.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.net.AddressPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming client's connections are checked at the moment netty connects to the address it
 * resolved: whatever a name answered before, a forbidden address is never connected to.
 */
class GuardedSocketChannelTest {

  private EventLoopGroup group;
  private ServerSocket listener;

  @BeforeEach
  void start() throws Exception {
    group = new NioEventLoopGroup(1);
    listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
    group.shutdownGracefully().sync();
  }

  private ChannelFuture connect(AddressPolicy policy) throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channelFactory(() -> new GuardedSocketChannel(policy))
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {}
            })
        // a name, resolved by netty itself, as the AWS SDK's client does
        .connect(new InetSocketAddress("localhost", listener.getLocalPort()))
        .await();
  }

  @Test
  void aForbiddenAddressIsRefusedAsItIsConnectedToAndAnAllowedOneConnects() throws Exception {
    ChannelFuture refused = connect(AddressPolicy.defaults());
    ChannelFuture allowed =
        connect(AddressPolicy.defaults().withAllowed("127.0.0.1/32", "::1/128"));

    assertThat(refused.isSuccess()).isFalse();
    assertThat(refused.cause())
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.providerCode()).contains(AddressPolicy.CODE));
    assertThat(allowed.isSuccess()).as(String.valueOf(allowed.cause())).isTrue();
    allowed.channel().close().sync();
  }
}
