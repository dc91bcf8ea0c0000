package dev.switchboard.simulator.aws;

import dev.switchboard.simulator.wire.Call;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's SigV4 signature the way AWS does: looks up the secret of the access key in the
 * {@code Authorization} header's credential scope, rebuilds the request from what was received
 * (method, raw path, query, the signed headers, the body) and signs it again with the AWS SDK's own
 * signer ({@link AwsV4HttpSigner}) at the request's {@code X-Amz-Date}; the signatures must match.
 */
public final class SigV4Check {

  /** Why a request is refused, with the AWS error code and message it gets (always HTTP 403). */
  public enum Verdict {
    OK(null, null),
    MISSING("MissingAuthenticationTokenException", "Missing Authentication Token"),
    UNKNOWN_KEY(
        "UnrecognizedClientException", "The security token included in the request is invalid."),
    BAD_SIGNATURE(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details."),
    EXPIRED_TOKEN("ExpiredTokenException", "The security token included in the request is expired");

    private final String code;
    private final String message;

    Verdict(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }

    public String message() {
      return message;
    }
  }

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
              + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AwsAccount account;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SigV4Check(AwsAccount account) {
    this.account = account;
  }

  /** Whether a request to a service carries a valid signature; an unreadable body is refused. */
  public boolean accepts(Call call, String service) {
    try {
      return verify(call, service) == Verdict.OK;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The verdict on a request to a service.
   *
   * @param service the signing name the credential scope must carry, e.g. {@code bedrock}
   */
  public Verdict verify(Call call, String service) throws IOException {
    String authorization = call.header("Authorization");
    Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization.trim());
    String amzDate = call.header("X-Amz-Date");
    if (m == null || !m.matches() || amzDate == null) {
      return Verdict.MISSING;
    }
    Optional<AwsAccount.Key> found = account.key(m.group(1));
    if (found.isEmpty()) {
      return Verdict.UNKNOWN_KEY;
    }
    AwsAccount.Key key = found.get();
    if (key.temporary()) {
      if (!key.sessionToken().equals(call.header("X-Amz-Security-Token"))) {
        return Verdict.UNKNOWN_KEY;
      }
      if (!account.now().isBefore(key.expiresAt())) {
        return Verdict.EXPIRED_TOKEN;
      }
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      return Verdict.MISSING;
    }
    if (!service.equals(m.group(4)) || !m.group(2).equals(amzDate.substring(0, 8))) {
      return Verdict.BAD_SIGNATURE;
    }
    String expected = signature(call, key, m.group(3), service, m.group(5), signedAt);
    return m.group(6).equals(expected) ? Verdict.OK : Verdict.BAD_SIGNATURE;
  }

  private String signature(
      Call call,
      AwsAccount.Key key,
      String region,
      String service,
      String signedHeaders,
      Instant signedAt)
      throws IOException {
    String host = call.header("Host");
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(call.method()))
            .uri(URI.create("http://" + host))
            .encodedPath(call.rawPath());
    String query = call.rawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        request.appendRawQueryParameter(decode(name), decode(value));
      }
    }
    for (String name : signedHeaders.split(";")) {
      if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
        String value = call.header(name);
        request.putHeader(name, value == null ? "" : value);
      }
    }
    byte[] body = call.body();
    AwsCredentialsIdentity identity =
        key.temporary()
            ? AwsSessionCredentialsIdentity.create(
                key.accessKeyId(), key.secret(), key.sessionToken())
            : AwsCredentialsIdentity.create(key.accessKeyId(), key.secret());
    SignedRequest signed =
        signer.sign(
            r ->
                r.request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .identity(identity)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(
                        AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    String computed = signed.request().firstMatchingHeader("Authorization").orElse("");
    int at = computed.indexOf("Signature=");
    return at < 0 ? "" : computed.substring(at + "Signature=".length());
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
