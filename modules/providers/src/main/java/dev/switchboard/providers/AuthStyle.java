package dev.switchboard.providers;

/** How a provider expects the API key. */
public enum AuthStyle {
  /** {@code Authorization: Bearer <key>}. */
  BEARER("Authorization"),
  /** Azure OpenAI's {@code api-key: <key>}. */
  API_KEY_HEADER("api-key"),
  /** Anthropic's {@code x-api-key: <key>}. */
  X_API_KEY("x-api-key"),
  /** Google's {@code x-goog-api-key: <key>}; never the {@code ?key=} query form, which leaks. */
  GOOG_API_KEY("x-goog-api-key"),
  /** No credential, e.g. a local server; a key, if given, is sent as a bearer token. */
  OPTIONAL_BEARER("Authorization"),
  /**
   * AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}), computed per request by
   * the AWS SDK from the access key pair or assumed-role credentials; the key is the secret access
   * key and never sent itself.
   */
  AWS_SIGV4("Authorization");

  private final String headerName;

  AuthStyle(String headerName) {
    this.headerName = headerName;
  }

  public String headerName() {
    return headerName;
  }

  /** The header value for a key. */
  public String headerValue(String apiKey) {
    return headerName.equals("Authorization") ? "Bearer " + apiKey : apiKey;
  }
}
