package dev.switchboard.integrations;

import dev.switchboard.providers.net.AddressPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSRF guard's allow-list from configuration: {@code switchboard.network.allow} ({@code
 * SWITCHBOARD_NETWORK_ALLOW}), CIDR ranges and host names separated by commas, that provider calls
 * may reach besides the public internet. Empty by default: loopback, private, link-local and
 * metadata addresses are refused.
 */
@ApplicationScoped
public class NetworkPolicy {

  @Inject
  @ConfigProperty(name = "switchboard.network.allow")
  Optional<List<String>> allowed;

  private AddressPolicy policy;

  @PostConstruct
  void init() {
    List<String> entries =
        allowed.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    policy = AddressPolicy.defaults().withAllowed(entries.toArray(String[]::new));
  }

  public AddressPolicy policy() {
    return policy;
  }

  /**
   * The built-in sandbox's policy: loopback allowed, for the simulator inside this server. Only the
   * system creates or changes sandbox integrations (see {@link Integrations}), so no admin can aim
   * this policy at another address.
   */
  public AddressPolicy sandboxPolicy() {
    return policy.withAllowed("127.0.0.1/32");
  }
}
