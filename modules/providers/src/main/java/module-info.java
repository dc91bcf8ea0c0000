/**
 * Provider adapters behind one SPI ({@link dev.switchboard.providers.ProviderAdapter}), the HTTP
 * transport they share, the network guard, and the model catalog. Only the SPI, the catalog and the
 * network guard's {@code AddressPolicy} are exported: routing must not reach into an adapter's wire
 * translation.
 */
module dev.switchboard.providers {
  requires transitive dev.switchboard.core;
  requires java.net.http;
  requires java.security.jgss;
  requires jdk.security.auth;
  requires com.fasterxml.jackson.databind;
  // Amazon Bedrock through the AWS SDK, with the two HTTP clients chosen in the pom
  requires software.amazon.awssdk.services.bedrockruntime;
  requires software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.http.nio.netty;
  requires io.netty.transport;
  requires software.amazon.awssdk.utils;
  requires software.amazon.awssdk.retries.api;
  requires org.apache.httpcomponents.httpclient;

  exports dev.switchboard.providers;
  exports dev.switchboard.providers.auth;
  exports dev.switchboard.providers.byo;
  exports dev.switchboard.providers.catalog;
  exports dev.switchboard.providers.net;
  exports dev.switchboard.providers.bedrock;

  uses dev.switchboard.providers.ProviderAdapter;

  provides dev.switchboard.providers.ProviderAdapter with
      dev.switchboard.providers.openai.OpenAiAdapter,
      dev.switchboard.providers.azure.AzureOpenAiAdapter,
      dev.switchboard.providers.anthropic.AnthropicAdapter,
      dev.switchboard.providers.gemini.GeminiAdapter,
      dev.switchboard.providers.cohere.CohereAdapter,
      dev.switchboard.providers.ollama.OllamaAdapter,
      dev.switchboard.providers.byo.ByoAdapter,
      dev.switchboard.providers.bedrock.BedrockAdapter;
}
