/**
 * The AWS side of the simulator: the account whose credentials requests are signed with, the SigV4
 * check (the AWS SDK's own signer recomputes each signature), the event-stream framing, and STS
 * {@code AssumeRole}.
 */
package dev.switchboard.simulator.aws;
