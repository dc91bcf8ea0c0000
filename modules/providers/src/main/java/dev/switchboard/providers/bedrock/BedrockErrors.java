package dev.switchboard.providers.bedrock;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Bedrock's (and STS's) failures as {@link ProviderException}s: the modeled exceptions by type,
 * signature and token errors by AWS error code, transport failures by cause. Messages are AWS's
 * own, with the credentials redacted.
 */
final class BedrockErrors {

  static final String PROVIDER = "bedrock";

  /** How Bedrock words a prompt over the model's context window. */
  private static final Pattern CONTEXT =
      Pattern.compile(
          "too long|context length|context window|too many (input )?tokens|maximum (context|input)",
          Pattern.CASE_INSENSITIVE);

  private BedrockErrors() {}

  /** Maps any failure of an SDK call; a {@code ProviderException} in the causes wins. */
  static ProviderException map(Throwable failure, Collection<String> secrets) {
    Throwable t = unwrap(failure);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ProviderException p) {
        return p;
      }
    }
    if (t instanceof AwsServiceException e) {
      return service(e, secrets);
    }
    ErrorCategory category = transportCategory(t);
    String message =
        category == ErrorCategory.TIMEOUT
            ? "Bedrock did not answer in time"
            : "Bedrock could not be reached: " + t.getClass().getSimpleName();
    return ProviderException.builder(category, message)
        .provider(PROVIDER)
        .cause(t)
        .redact(secrets)
        .build();
  }

  private static ProviderException service(AwsServiceException e, Collection<String> secrets) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getClass().getSimpleName();
    ErrorCategory category = category(e, code, message);
    ProviderException.Builder b =
        ProviderException.builder(category, (code == null ? "" : code + ": ") + message)
            .provider(PROVIDER)
            .httpStatus(e.statusCode())
            .redact(secrets)
            .cause(e);
    if (code != null) {
      b.providerCode(code);
    }
    return b.build();
  }

  static ErrorCategory category(AwsServiceException e, String code, String message) {
    if (e instanceof ThrottlingException) {
      return ErrorCategory.RATE_LIMITED;
    }
    if (e instanceof ModelNotReadyException
        || e instanceof ServiceUnavailableException
        || e instanceof InternalServerException
        || e instanceof ModelErrorException
        || e instanceof ModelStreamErrorException) {
      return ErrorCategory.UNAVAILABLE;
    }
    if (e instanceof ModelTimeoutException) {
      return ErrorCategory.TIMEOUT;
    }
    if (e instanceof ValidationException) {
      return CONTEXT.matcher(message).find()
          ? ErrorCategory.CONTEXT_LENGTH_EXCEEDED
          : ErrorCategory.BAD_REQUEST;
    }
    if (e instanceof AccessDeniedException) {
      return ErrorCategory.PERMISSION;
    }
    if (e instanceof ResourceNotFoundException) {
      return ErrorCategory.MODEL_NOT_FOUND;
    }
    if (e instanceof ServiceQuotaExceededException) {
      return ErrorCategory.QUOTA_EXHAUSTED;
    }
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    if (c.contains("signature")
        || c.contains("token")
        || c.equals("unrecognizedclientexception")
        || c.equals("invalidclienttokenid")
        || c.startsWith("missingauthentication")) {
      return ErrorCategory.AUTHENTICATION;
    }
    if (c.startsWith("accessdenied")) {
      return ErrorCategory.PERMISSION;
    }
    if (c.startsWith("throttl")) {
      return ErrorCategory.RATE_LIMITED;
    }
    int status = e.statusCode();
    if (status == 401) {
      return ErrorCategory.AUTHENTICATION;
    }
    if (status == 403) {
      return ErrorCategory.PERMISSION;
    }
    if (status == 404) {
      return ErrorCategory.MODEL_NOT_FOUND;
    }
    if (status == 408) {
      return ErrorCategory.TIMEOUT;
    }
    if (status == 429) {
      return ErrorCategory.RATE_LIMITED;
    }
    if (status >= 500) {
      return ErrorCategory.UNAVAILABLE;
    }
    return status >= 400 ? ErrorCategory.BAD_REQUEST : ErrorCategory.UPSTREAM_PROTOCOL;
  }

  private static ErrorCategory transportCategory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiCallTimeoutException
          || c instanceof ApiCallAttemptTimeoutException
          || c instanceof SocketTimeoutException
          || c instanceof TimeoutException
          || c.getClass().getSimpleName().contains("Timeout")) {
        return ErrorCategory.TIMEOUT;
      }
      if (c instanceof ConnectException
          || c instanceof UnknownHostException
          || c instanceof java.io.IOException) {
        return ErrorCategory.UNAVAILABLE;
      }
    }
    return ErrorCategory.UPSTREAM_PROTOCOL;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
