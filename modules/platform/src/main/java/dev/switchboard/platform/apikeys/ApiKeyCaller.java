package dev.switchboard.platform.apikeys;

/** Who a valid key speaks for: the key and its workspace, with its limits. */
public record ApiKeyCaller(
    String keyId,
    String name,
    String workspace,
    Integer requestsPerMinute,
    Integer tokensPerMinute) {

  /** The caller name the container records for requests made with this key. */
  public String principalName() {
    return "apikey:" + keyId;
  }
}
