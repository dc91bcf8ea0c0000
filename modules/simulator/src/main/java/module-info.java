/**
 * A local stand-in for the wire protocols of the LLM providers Switchboard talks to, with fault
 * injection. Only {@code dev.switchboard.simulator} is API; the family packages are internal.
 */
module dev.switchboard.simulator {
  requires com.fasterxml.jackson.databind;
  // the SigV4 check signs with the AWS SDK's own signer
  requires software.amazon.awssdk.http.auth.aws;
  requires software.amazon.awssdk.http.auth.spi;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.http;

  exports dev.switchboard.simulator;
}
