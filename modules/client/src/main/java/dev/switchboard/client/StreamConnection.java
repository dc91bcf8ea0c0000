package dev.switchboard.client;

import dev.switchboard.client.wire.ContextHeaders;
import dev.switchboard.client.wire.GatewayErrors;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import jakarta.json.spi.JsonProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A streamed chat's open connection, made with the JDK's {@link HttpClient} rather than the Rest
 * Client. Closing this body aborts the exchange and its connection at once, whichever thread closes
 * it (the canceller's closer, or the worker that saw the cancel first). With the Rest Client's
 * response (RESTEasy on Apache HttpClient in Liberty) the worker sometimes stayed inside the stream
 * for seconds after a cancel; the JDK's body has no such path. Every read is timed, for the idle
 * check ({@link #idleNanos}).
 */
final class StreamConnection implements AutoCloseable {

  private final HttpResponse<InputStream> response;
  private final InputStream body;
  private volatile long lastReadNanos = System.nanoTime();

  private StreamConnection(HttpResponse<InputStream> response) {
    this.response = response;
    this.body =
        new FilterInputStream(response.body()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            lastReadNanos = System.nanoTime();
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastReadNanos = System.nanoTime();
            return n;
          }
        };
  }

  /**
   * Posts a streamed chat and waits for the answer's head (at most the read timeout); an error
   * status or a failed connection is thrown as the {@link ProviderException} it stands for.
   */
  static StreamConnection open(
      HttpClient http,
      ClientSettings settings,
      JsonProvider json,
      String body,
      CallContext context) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint(settings.url()))
            .timeout(settings.readTimeout())
            .header("Authorization", "Bearer " + settings.apiKey())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (context != null) {
      header(request, ContextHeaders.FEATURE, ContextHeaders.feature(context));
      header(request, ContextHeaders.CALLER, ContextHeaders.caller(context));
      header(request, ContextHeaders.TAGS, ContextHeaders.tags(context));
    }
    HttpResponse<InputStream> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw GatewayErrors.connection(new ConnectException(e.getMessage()), false);
    } catch (HttpTimeoutException e) {
      throw GatewayErrors.connection(new SocketTimeoutException(e.getMessage()), false);
    } catch (IOException e) {
      throw GatewayErrors.connection(e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GatewayErrors.connection(e, false);
    }
    if (r.statusCode() >= 400) {
      try (InputStream in = r.body()) {
        throw ResponseBodies.error(
            json, r.statusCode(), in, r.headers().firstValue("Retry-After").orElse(null));
      } catch (IOException e) {
        throw GatewayErrors.connection(e, true);
      }
    }
    return new StreamConnection(r);
  }

  /** {@code <url>/v1/chat/completions}, as the Rest Client's {@code GatewayApi} resolves it. */
  static URI endpoint(URI base) {
    String s = base.toString();
    return URI.create(s + (s.endsWith("/") ? "" : "/") + "v1/chat/completions");
  }

  private static void header(HttpRequest.Builder request, String name, String value) {
    if (value != null) {
      request.header(name, value);
    }
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  InputStream body() {
    return body;
  }

  /** How long since the body last gave something (or since the answer's head came). */
  long idleNanos(long now) {
    return now - lastReadNanos;
  }

  /** Aborts the exchange: a read in progress on another thread ends with an IOException. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // closing an aborted body: nothing more to release
    }
  }
}
