/**
 * Amazon Bedrock Runtime's Converse API, SigV4-signed, with ConverseStream on AWS event streams.
 */
package dev.switchboard.simulator.bedrock;
