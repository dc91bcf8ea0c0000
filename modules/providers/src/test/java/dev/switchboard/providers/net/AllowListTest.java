package dev.switchboard.providers.net;

import static dev.switchboard.providers.net.AddressPolicyTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an administrator's allow-list opens, what it never opens, and how entries are checked. */
class AllowListTest {

  @Test
  void allowedRangeOpensItsAddressesOnly() {
    AddressPolicy policy = AddressPolicy.defaults().withAllowed("127.0.0.1/32", "10.20.0.0/16");

    assertThat(policy.resolve(URI.create("http://127.0.0.1:8080/v1")).getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(policy.resolve(URI.create("http://10.20.3.4/")).getHostAddress())
        .isEqualTo("10.20.3.4");
    assertThat(refusal(policy, "http://127.0.0.2/").getMessage()).contains("loopback");
    assertThat(refusal(policy, "http://10.21.0.1/").getMessage()).contains("private");
  }

  @Test
  void allowedRangeAlsoCoversTheIpv6FormsOfItsAddresses() {
    AddressPolicy policy = AddressPolicy.defaults().withAllowed("127.0.0.1/32");

    assertThat(policy.resolve(URI.create("http://[::ffff:127.0.0.1]/")).getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(policy.resolve(URI.create("http://[64:ff9b::7f00:1]/"))).isNotNull();
  }

  @Test
  void allowedHostNameOpensThatNameWhateverPrivateAddressItHas() {
    StagedDns dns =
        new StagedDns()
            .answer("localhost", "127.0.0.1", "::1")
            .answer("ollama.internal", "10.0.0.5")
            .answer("other.internal", "10.0.0.6");
    AddressPolicy policy =
        dns.applyTo(AddressPolicy.defaults().withAllowed("localhost", "Ollama.Internal."));

    assertThat(policy.resolve(URI.create("http://localhost:11434/")).getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(policy.resolve(URI.create("http://ollama.internal:11434/")).getHostAddress())
        .isEqualTo("10.0.0.5");
    assertThat(refusal(policy, "http://other.internal/").getMessage())
        .contains("'other.internal' resolves to 10.0.0.6");
    assertThat(refusal(policy, "http://ip6-localhost/").getMessage()).contains("loopback name");
  }

  @Test
  void metadataAddressIsOpenedOnlyByAnEntryForExactlyThatAddress() {
    StagedDns dns = new StagedDns().answer("metadata.google.internal", "169.254.169.254");
    URI metadata = URI.create("http://169.254.169.254/latest/meta-data/");

    AddressPolicy wide =
        dns.applyTo(
            AddressPolicy.defaults()
                .withAllowed("169.254.0.0/16", "0.0.0.0/0", "metadata.google.internal"));
    assertThat(refusal(wide, metadata.toString()).getMessage()).contains("cloud metadata");
    assertThat(refusal(wide, "http://metadata.google.internal/").getMessage())
        .contains("resolves to 169.254.169.254");
    assertThat(wide.resolve(URI.create("http://169.254.10.1/"))).isNotNull();

    AddressPolicy exact = AddressPolicy.defaults().withAllowed("169.254.169.254/32");
    assertThat(exact.resolve(metadata).getHostAddress()).isEqualTo("169.254.169.254");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33 | prefix length must be 0-32",
        "fe80::/129 | prefix length must be 0-128",
        "10.0.0.1/8 | did you mean 10.0.0.0/8",
        "300.1.1.1 | not an IP address literal",
        "0x7f.1 | not an IP address literal",
        "*.corp.example | wildcards are not supported",
        "http://ollama.internal | a URL: give the host name",
        "ollama internal | neither a CIDR range",
      })
  void invalidEntryIsRefusedNamingTheEntry(String entry, String reason) {
    assertThatThrownBy(() -> AddressPolicy.defaults().withAllowed("127.0.0.1/32", entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + entry + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void entriesAreKeptInCanonicalFormAndShownBriefly() {
    AddressPolicy policy =
        AddressPolicy.defaults().withAllowed(" 127.0.0.1 ", "", "FD00::/8", "Ollama.Internal");

    assertThat(policy.allowed())
        .containsExactly("127.0.0.1/32", "fd00:0:0:0:0:0:0:0/8", "ollama.internal");
    assertThat(policy).hasToString("public+[127.0.0.1/32, fd00:0:0:0:0:0:0:0/8, ollama.internal]");
    assertThat(AddressPolicy.defaults()).hasToString("public-only");
    assertThat(policy)
        .isEqualTo(
            AddressPolicy.defaults().withAllowed("127.0.0.1/32", "fd00::/8", "ollama.internal"));
  }
}
