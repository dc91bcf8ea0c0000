/**
 * Amazon Bedrock through the AWS SDK for Java v2: Converse and ConverseStream, SigV4 with static
 * keys or STS AssumeRole credentials refreshed before they expire, errors mapped to Switchboard's
 * categories.
 */
package dev.switchboard.providers.bedrock;
