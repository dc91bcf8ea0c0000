package dev.switchboard.integrations;

import dev.switchboard.providers.Endpoint;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hosts an integration's stored credentials (its API key and sealed header values) are sent to,
 * read off a <em>resolved</em> endpoint, so a variable behind a base URL counts with its value.
 *
 * <p>A credential is bound to the destinations it was entered for ({@code
 * sb_integration.key_hosts}, {@code host:port}, lower case, comma-separated): a call or connection
 * test whose resolved destinations are not all among them is refused, and an update that moves them
 * needs the credential again. So changing a variable, a sample value or a template can never carry
 * a stored key to a host it was not typed in for.
 */
final class KeyDestinations {

  private KeyDestinations() {}

  /**
   * The credential destinations of an endpoint.
   *
   * @param defaultBaseUrl the provider's public address, used when the endpoint has none
   */
  static Set<String> of(Endpoint e, URI defaultBaseUrl) {
    return of(
        e.baseUrl(), e.azure() == null ? null : e.azure().resource(), e.aws(), defaultBaseUrl);
  }

  /**
   * The credential destinations of resolved address fields.
   *
   * @param baseUrl the resolved base URL, or {@code null}
   * @param azureResource Azure OpenAI's resolved resource, or {@code null}
   * @param aws Bedrock's settings (region, role, resolved STS endpoint), or {@code null}
   * @param defaultBaseUrl the provider's public address, used when nothing else names one
   */
  static Set<String> of(URI baseUrl, String azureResource, Endpoint.Aws aws, URI defaultBaseUrl) {
    Set<String> hosts = new TreeSet<>();
    if (aws != null) {
      hosts.add(
          hostPort(
              baseUrl != null
                  ? baseUrl
                  : URI.create("https://bedrock-runtime." + aws.region() + ".amazonaws.com")));
      if (aws.roleArn() != null) {
        hosts.add(
            hostPort(
                aws.stsEndpoint() != null
                    ? aws.stsEndpoint()
                    : URI.create("https://sts." + aws.region() + ".amazonaws.com")));
      }
      return hosts;
    }
    if (baseUrl != null) {
      hosts.add(hostPort(baseUrl));
    } else if (azureResource != null && !azureResource.isBlank()) {
      hosts.add(hostPort(URI.create("https://" + azureResource.trim() + ".openai.azure.com")));
    } else if (defaultBaseUrl != null) {
      hosts.add(hostPort(defaultBaseUrl));
    }
    return hosts;
  }

  /** The stored form: sorted, comma-separated; {@code null} for none. */
  static String format(Set<String> hosts) {
    return hosts.isEmpty() ? null : String.join(",", new TreeSet<>(hosts));
  }

  static Set<String> parse(String stored) {
    if (stored == null || stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code host:port} with the scheme's port when none is written. */
  static String hostPort(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      throw new InvalidRequestException("baseUrl", "the address '" + uri + "' names no host");
    }
    int port = uri.getPort();
    if (port < 0) {
      port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
