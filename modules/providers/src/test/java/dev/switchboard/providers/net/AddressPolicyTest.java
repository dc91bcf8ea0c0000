package dev.switchboard.providers.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default rules: what the public-only policy refuses, and why, without any real DNS. */
class AddressPolicyTest {

  /** Resolves nothing: a refusal that needed DNS would come out as unknown_host, not a refusal. */
  private static final AddressPolicy NO_DNS = new StagedDns().applyTo(AddressPolicy.defaults());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://169.254.169.254/latest/meta-data/ | cloud metadata (169.254.169.254/32)",
        "http://[::ffff:169.254.169.254]/ | cloud metadata",
        "http://[::ffff:a9fe:a9fe]/ | cloud metadata",
        "http://[64:ff9b::a9fe:a9fe]/ | NAT64",
        "http://[fd00:ec2::254]/ | cloud metadata",
        "http://2130706433/ | non-canonical numeric address",
        "http://0x7f.1/ | non-canonical numeric address",
        "http://0x7f/ | non-canonical numeric address",
        "http://0177.0.0.1/ | non-canonical numeric address",
        "http://127.1/ | non-canonical numeric address",
        "http://127.0.0.1:8080/v1 | loopback (127.0.0.0/8)",
        "http://127.0.0.1./v1 | non-canonical numeric address",
        "http://[::1]:11434/ | loopback",
        "http://[::ffff:7f00:1]/ | loopback (127.0.0.0/8)",
        "http://[::127.0.0.1]/ | IPv4-compatible",
        "http://[2002:7f00:1::]/ | 6to4",
        "http://localhost:11434/ | a loopback name",
        "http://LOCALHOST./ | a loopback name",
        "http://api.localhost/ | a loopback name",
        "http://metadata.google.internal/computeMetadata/v1/ | a cloud metadata name",
        "http://[fe80::1]/ | link-local (fe80:0:0:0:0:0:0:0/10)",
        "http://[fe80::1%25eth0]/ | link-local",
        "http://169.254.10.1/ | link-local (169.254.0.0/16)",
        "http://[fd00::1]/ | unique-local",
        "http://10.1.2.3/ | private (10.0.0.0/8)",
        "http://172.20.0.1/ | private (172.16.0.0/12)",
        "http://192.168.1.1/ | private (192.168.0.0/16)",
        "http://100.64.0.1/ | shared CGNAT (100.64.0.0/10)",
        "http://0.0.0.0:8080/ | unspecified",
        "http://[::]/ | unspecified",
        "http://224.0.0.251/ | multicast",
        "http://[ff02::1]/ | multicast",
        "http://255.255.255.255/ | broadcast",
        "file:///etc/passwd | scheme 'file' is not allowed",
        "gopher://127.0.0.1:6379/_INFO | scheme 'gopher' is not allowed",
        "ftp://ftp.example.com/ | scheme 'ftp' is not allowed",
        "/v1/chat/completions | scheme '(none)' is not allowed",
        "http:///v1 | no valid host",
        "http://exa_mple.com/ | no valid host",
        "http://user:hunter2-secret@api.example.com/ | user info",
      })
  void publicOnlyPolicyRefusesWithoutLookingAnythingUp(String url, String rule) {
    ProviderException e = refusal(NO_DNS, url);

    assertThat(e.getMessage()).contains(rule).doesNotContain("hunter2-secret");
  }

  @Test
  void nameAnsweringAPublicAndAPrivateAddressIsRefused() {
    AddressPolicy policy =
        new StagedDns()
            .answer("rebind.example", "93.184.216.34", "127.0.0.1")
            .applyTo(AddressPolicy.defaults());

    ProviderException e = refusal(policy, "https://rebind.example/v1");

    assertThat(e.getMessage())
        .contains("'rebind.example' resolves to 127.0.0.1")
        .contains("loopback");
  }

  @Test
  void nameResolvingToMetadataIsRefusedNamingTheAddress() {
    AddressPolicy policy =
        new StagedDns()
            .answer("innocent.example", "169.254.169.254")
            .applyTo(AddressPolicy.defaults());

    assertThat(refusal(policy, "http://innocent.example/").getMessage())
        .contains("innocent.example")
        .contains("169.254.169.254")
        .contains("cloud metadata");
  }

  @Test
  void publicAddressesPassAndTheFirstAnswerIsTheOneToConnectTo() {
    StagedDns dns = new StagedDns().answer("api.example.com", "104.18.6.192", "104.18.7.192");
    AddressPolicy policy = dns.applyTo(AddressPolicy.defaults());

    InetAddress pinned = policy.resolve(URI.create("https://api.example.com/v1"));

    assertThat(pinned.getHostAddress()).isEqualTo("104.18.6.192");
    assertThat(dns.lookups("api.example.com")).isEqualTo(1);
    assertThatCode(() -> policy.check(URI.create("http://8.8.8.8/"))).doesNotThrowAnyException();
    assertThatCode(() -> policy.check(URI.create("https://[2606:4700::6810:1]/")))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.check(InetAddress.getByName("1.1.1.1"))).doesNotThrowAnyException();
  }

  @Test
  void nameThatDoesNotResolveIsUnavailableNotATimeout() {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> NO_DNS.resolve(URI.create("https://nowhere.example/")));

    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.providerCode()).contains("unknown_host");
  }

  @Test
  void checkOfAnAddressNamesItsRule() throws Exception {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> AddressPolicy.defaults().check(InetAddress.getByName("fd12:3456::1")));

    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(e.getMessage()).contains("fd12:3456").contains("unique-local (fc00");
  }

  static ProviderException refusal(AddressPolicy policy, String url) {
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> policy.resolve(URI.create(url)));
    assertThat(e).as(url).isNotNull();
    assertThat(e.category()).as(url).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(e.providerCode()).as(url).contains(AddressPolicy.CODE);
    return e;
  }
}
