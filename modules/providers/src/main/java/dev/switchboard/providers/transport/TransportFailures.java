package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/**
 * The errors the transport itself detects, each with a Switchboard code so that, say, a connect
 * timeout and an idle timeout stay apart in logs and metrics. Messages never carry a URL, a header
 * or the low-level exception's text.
 */
final class TransportFailures {

  private TransportFailures() {}

  static ProviderException timeout(TransportRequest r, String code, String message) {
    return error(r, ErrorCategory.TIMEOUT, code, message, null);
  }

  /** A failure of the JDK exchange: connect, header wait, or the connection itself. */
  static ProviderException connection(TransportRequest r, Throwable error, boolean midResponse) {
    Throwable t =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (t instanceof ProviderException pe) {
      return pe;
    }
    if (t instanceof HttpConnectTimeoutException) {
      return error(
          r,
          ErrorCategory.TIMEOUT,
          "connect_timeout",
          "could not connect within " + r.timeouts().connect(),
          t);
    }
    if (t instanceof HttpTimeoutException) {
      return error(
          r,
          ErrorCategory.TIMEOUT,
          "idle_timeout",
          "no response within the idle timeout " + r.timeouts().idle(),
          t);
    }
    if (t instanceof ConnectException) {
      return error(
          r, ErrorCategory.UNAVAILABLE, "connect_failed", "connection refused or unreachable", t);
    }
    return error(
        r,
        ErrorCategory.UNAVAILABLE,
        "connection_lost",
        midResponse ? "connection lost mid-response" : "connection failed",
        t);
  }

  /** A refusal of the request's address policy, with the provider and secrets of the request. */
  static ProviderException attributed(TransportRequest r, ProviderException e) {
    return ProviderException.builder(e.category(), e.getMessage())
        .provider(r.providerId())
        .providerCode(e.providerCode().orElse(null))
        .retryable(e.retryable())
        .redact(r.secrets())
        .build();
  }

  static ProviderException crossHostRedirect(TransportRequest r) {
    return error(
        r,
        ErrorCategory.UPSTREAM_PROTOCOL,
        "cross_host_redirect",
        "upstream redirected to another host; redirects are followed on the same host only",
        null);
  }

  static ProviderException unfollowedRedirect(TransportRequest r, int status) {
    String code = status == 307 || status == 308 ? "too_many_redirects" : "unexpected_redirect";
    return error(
        r, ErrorCategory.UPSTREAM_PROTOCOL, code, "upstream answered HTTP " + status, null);
  }

  static ProviderException tooLarge(TransportRequest r) {
    return error(
        r,
        ErrorCategory.UPSTREAM_PROTOCOL,
        "response_too_large",
        "response exceeded the cap of " + r.maxResponseBytes() + " bytes",
        null);
  }

  static ProviderException unreadableError(TransportRequest r, int status, Throwable cause) {
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL, "unreadable error response (HTTP " + status + ")")
        .provider(r.providerId())
        .httpStatus(status)
        .cause(cause)
        .build();
  }

  private static ProviderException error(
      TransportRequest r, ErrorCategory category, String code, String message, Throwable cause) {
    return ProviderException.builder(category, message)
        .provider(r.providerId())
        .providerCode(code)
        .cause(cause)
        .build();
  }
}
