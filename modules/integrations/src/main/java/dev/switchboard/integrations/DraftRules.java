package dev.switchboard.integrations;

import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.ProviderDescriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** The rules an integration's fields must meet; each failure names its field. */
final class DraftRules {

  static final int DEFAULT_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_MAX_RETRIES = 3;
  static final String AZURE = "azure-openai";

  private DraftRules() {}

  /** Checks a new integration's fields against its provider. */
  static void checkNew(IntegrationDraft d, ProviderDescriptor provider) {
    checkCommon(d);
    if (provider.authStyle() == AuthStyle.AWS_SIGV4) {
      checkAws(d, provider, false, false);
      return;
    }
    if (d.aws() != null) {
      throw new InvalidRequestException("aws", provider.displayName() + " takes no AWS settings");
    }
    if (provider.authStyle() != AuthStyle.OPTIONAL_BEARER && blank(d.apiKey())) {
      throw new InvalidRequestException("apiKey", provider.displayName() + " needs an API key");
    }
    if (AZURE.equals(provider.id()) && blank(d.azureResource()) && blank(d.baseUrl())) {
      throw new InvalidRequestException(
          "azureResource", "Azure OpenAI needs the resource sub-domain (or a base URL)");
    }
    if (provider.defaultBaseUrl() == null && !AZURE.equals(provider.id()) && blank(d.baseUrl())) {
      throw new InvalidRequestException(
          "baseUrl", provider.displayName() + " has no default address: baseUrl is required");
    }
  }

  private static final java.util.regex.Pattern REGION =
      java.util.regex.Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");

  /**
   * Bedrock's settings: a region, and either an access key id with its secret (the {@code apiKey})
   * or an IAM role to assume. Endpoints and ARNs may hold variable references, checked when
   * resolved.
   *
   * @param keyStored whether the integration already has a sealed secret (on update)
   * @param serverIdentityStored whether an admin already allowed the server's own AWS identity (on
   *     update; a draft without the setting keeps it)
   */
  static void checkAws(
      IntegrationDraft d,
      ProviderDescriptor provider,
      boolean keyStored,
      boolean serverIdentityStored) {
    if (provider.authStyle() != AuthStyle.AWS_SIGV4) {
      if (d.aws() != null) {
        throw new InvalidRequestException("aws", provider.displayName() + " takes no AWS settings");
      }
      return;
    }
    AwsSettings aws = d.aws();
    if (aws == null || blank(aws.region())) {
      throw new InvalidRequestException("aws.region", "Amazon Bedrock needs an AWS region");
    }
    if (!REGION.matcher(aws.region().trim()).matches()) {
      throw new InvalidRequestException(
          "aws.region", "'" + aws.region() + "' is not an AWS region");
    }
    maxLength("aws.accessKeyId", aws.accessKeyId(), 128);
    maxLength("aws.roleArn", aws.roleArn(), 2000);
    maxLength("aws.externalId", aws.externalId(), 1224);
    maxLength("aws.modelArn", aws.modelArn(), 2000);
    boolean secret = !blank(d.apiKey()) || keyStored;
    boolean serverIdentity =
        aws.serverIdentity() != null ? aws.serverIdentity() : serverIdentityStored;
    if (blank(aws.roleArn()) && (blank(aws.accessKeyId()) || !secret) && !serverIdentity) {
      throw new InvalidRequestException(
          "aws.accessKeyId",
          "Amazon Bedrock needs an access key id and secret access key (apiKey), or an IAM role"
              + " ARN");
    }
    if (blank(aws.accessKeyId()) && !serverIdentity) {
      throw new InvalidRequestException(
          "aws.accessKeyId",
          "Amazon Bedrock needs an access key id and secret access key (apiKey), also to assume"
              + " an IAM role; signing with the server's own AWS identity needs"
              + " aws.serverIdentity, which only an admin may set");
    }
    if (!blank(aws.accessKeyId()) && !secret) {
      throw new InvalidRequestException(
          "apiKey", "the secret access key (apiKey) goes with the access key id");
    }
    if (!blank(aws.stsEndpoint())) {
      checkUrl("aws.stsEndpoint", aws.stsEndpoint());
    }
  }

  /** Checks the fields every create and update shares. */
  static void checkCommon(IntegrationDraft d) {
    if (blank(d.name())) {
      throw new InvalidRequestException("name", "name is required");
    }
    maxLength("name", d.name(), 100);
    maxLength("description", d.description(), 1000);
    maxLength("organization", d.organization(), 200);
    maxLength("azureResource", d.azureResource(), 200);
    maxLength("azureApiVersion", d.azureApiVersion(), 30);
    maxLength("apiKey", d.apiKey(), 1000);
    range("requestTimeoutSeconds", d.requestTimeoutSeconds(), 1, 600);
    range("maxRetries", d.maxRetries(), 0, 10);
    range("rateLimitRpm", d.rateLimitRpm(), 1, 1_000_000);
    if (!blank(d.baseUrl())) {
      checkBaseUrl(d.baseUrl());
    }
    List<ModelDraft> models = d.models() == null ? List.of() : d.models();
    for (int i = 0; i < models.size(); i++) {
      checkModel("models[" + i + "].", models.get(i));
    }
  }

  static void checkModel(String prefix, ModelDraft m) {
    if (m == null || blank(m.modelId())) {
      throw new InvalidRequestException(prefix + "modelId", "modelId is required");
    }
    maxLength(prefix + "modelId", m.modelId(), 200);
    maxLength(prefix + "displayName", m.displayName(), 200);
    maxLength(prefix + "description", m.description(), 1000);
    maxLength(prefix + "deploymentId", m.deploymentId(), 200);
  }

  /**
   * Base URLs are absolute http(s) URLs with a host and no user info. A variable reference is
   * checked when it is resolved. Which addresses are allowed is decided when connecting.
   */
  static void checkBaseUrl(String value) {
    checkUrl("baseUrl", value);
  }

  private static void checkUrl(String field, String value) {
    maxLength(field, value, 2000);
    if (value.contains("{{")) {
      return;
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidRequestException(field, field + " must be an http or https URL");
      }
      if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        throw new InvalidRequestException(
            field, field + " must name a host and hold no user name or password");
      }
    } catch (URISyntaxException e) {
      throw new InvalidRequestException(field, field + " is not a valid URL");
    }
  }

  private static void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(field, field + " must be at most " + max + " characters");
    }
  }

  private static void range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidRequestException(field, field + " must be between " + min + " and " + max);
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
